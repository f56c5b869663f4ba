/**
 * Colour-blind safe by construction (issue 11): under simulated protanopia, deuteranopia and
 * tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, in linear RGB), any two runs whose
 * colours come out alike differ in dash pattern and marker, any two ranks in marker shape, and L*
 * stays apart from every run.
 */
import { describe, expect, it } from 'vitest';
import { MINIMUM_LINE, OKABE_ITO, rankSymbol, runColour, runDash, runSymbol } from '../../src/plots/palette';

const MACHADO: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const hex = (h: string) => [1, 3, 5].map((i) => toLinear(Number.parseInt(h.slice(i, i + 2), 16) / 255));

/** CIE L*a*b* of linear RGB (sRGB primaries, D65). */
function lab([r, g, b]: number[]): number[] {
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

function simulated(h: string, deficiency: string): number[] {
  const c = hex(h);
  const m = MACHADO[deficiency];
  return lab(m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2]))));
}

const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
/** Colours closer than this (ΔE*ab) are taken as alike (the issue saw runs 3 and 4, ΔE 18 under deuteranopia, as alike greys). */
const ALIKE = 25;

describe('colour-blind safe by construction', () => {
  const runs = Array.from({ length: 6 }, (_, r) => r);

  for (const deficiency of Object.keys(MACHADO))
    it(`${deficiency}: runs that look alike differ by dash and marker; L* is apart from every run`, () => {
      let alike = 0;
      for (const a of runs)
        for (const b of runs) {
          if (a >= b) continue;
          if (deltaE(simulated(runColour(a), deficiency), simulated(runColour(b), deficiency)) < ALIKE) {
            alike++;
            expect(runDash(a)).not.toBe(runDash(b));
            expect(runSymbol(a)).not.toBe(runSymbol(b));
          }
        }
      for (const r of runs) expect(deltaE(simulated(MINIMUM_LINE, deficiency), simulated(runColour(r), deficiency))).toBeGreaterThan(ALIKE);
      // The simulation does bite: some pair of Okabe–Ito colours comes out alike under every deficiency here.
      let anyAlike = 0;
      for (let i = 0; i < OKABE_ITO.length; i++)
        for (let j = i + 1; j < OKABE_ITO.length; j++) if (deltaE(simulated(OKABE_ITO[i], deficiency), simulated(OKABE_ITO[j], deficiency)) < ALIKE) anyAlike++;
      expect(anyAlike + alike).toBeGreaterThan(0);
    });

  it('every run of the first six has its own dash and marker, every rank up to 9 its own marker shape', () => {
    expect(new Set(runs.map(runDash)).size).toBe(6);
    expect(new Set(runs.map(runSymbol)).size).toBe(6);
    expect(new Set(Array.from({ length: 10 }, (_, k) => rankSymbol(k))).size).toBe(10);
  });
});
