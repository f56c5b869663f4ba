"""Numpy cross-check of the uniform weight-decay closed forms (docs/design.md §5; src/core/models/linear/weightDecay.ts):
for the linear and the tied model, random Σ with distinct eigenvalues, wd ∈ {0.1, 0.3}, every
I ⊆ {λ_i > μ} with |I| ≤ d: the loss L(I), and the Morse index and zero count of a
finite-difference Hessian against the closed forms. Prints one line per case; exits 1 on a mismatch.
Run: python3 tests/reference/check_weight_decay.py"""
import itertools

import numpy as np

MISMATCHES = []
rng=np.random.default_rng(0)
def run(D,d,wd,tied):
    X=rng.normal(size=(3*D,D))*np.array([1.6**(-i) for i in range(D)])
    S=X.T@X; lam,U=np.linalg.eigh(S); lam=lam[::-1]; U=U[:,::-1]; mu=wd*lam[0]
    def loss(th):
        if tied:
            B=th.reshape(d,D); A=B.T
            E=np.eye(D)-A@B; return np.trace(E@S@E.T)+2*mu*np.sum(B*B)
        A=th[:D*d].reshape(D,d); B=th[D*d:].reshape(d,D); E=np.eye(D)-A@B
        return np.trace(E@S@E.T)+mu*(np.sum(A*A)+np.sum(B*B))
    def grad(th):
        h=1e-6; g=np.zeros_like(th)
        for i in range(len(th)):
            e=np.zeros_like(th); e[i]=h; g[i]=(loss(th+e)-loss(th-e))/(2*h)
        return g
    def hess(th):
        n=len(th); H=np.zeros((n,n)); h=1e-4*max(1,np.abs(th).max())
        for i in range(n):
            for j in range(i,n):
                ei=np.zeros(n); ej=np.zeros(n); ei[i]=h; ej[j]=h
                H[i,j]=H[j,i]=(loss(th+ei+ej)-loss(th+ei-ej)-loss(th-ei+ej)+loss(th-ei-ej))/(4*h*h)
        return H
    m=sum(lam>mu); bad=0
    for k in range(0,d+1):
        for I in itertools.combinations([i for i in range(D) if lam[i]>mu],k):
            I=list(I); s=np.sqrt(1-mu/lam[I]); P=np.eye(k,d)
            A=U[:,I]*s@P; B=P.T@(s[:,None]*U[:,I].T)
            th=B.ravel() if tied else np.concatenate([A.ravel(),B.ravel()])
            L=sum(lam[i] for i in range(D) if i not in I)+sum(2*mu-mu**2/lam[i] for i in I)
            ev=np.linalg.eigvalsh(hess(th)); tol=1e-4*lam[0]
            idx=sum(ev<-tol); z=sum(abs(ev)<=tol)
            cidx=sum(1 for i in I for j in range(D) if j not in I and lam[j]>lam[i])+(d-k)*sum(1 for j in range(D) if j not in I and lam[j]>mu)
            cz=d*(d-1)//2-(d-k)*(d-k-1)//2
            ok=abs(loss(th)-L)<1e-9*lam[0] and idx==cidx and z==cz
            if not ok:
                bad += 1
                MISMATCHES.append(I)
                print('MISMATCH',tied,wd,I,loss(th)-L,idx,cidx,z,cz, ev[:6])
    print(D, d, wd,'tied' if tied else 'linear','learnable',m,'bad',bad)
for tied in [False,True]:
    for wd in [0.1,0.3]:
        run(5,2,wd,tied); run(6,3,wd,tied)
import sys
sys.exit(1 if MISMATCHES else 0)
