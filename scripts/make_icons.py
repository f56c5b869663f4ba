# The web-app manifest's PNG icons in public/icons/, drawn like public/favicon.svg (a loss staircase and the minimum).
# Needs Pillow (pip install pillow); run from the repository root: python3 scripts/make_icons.py
from PIL import Image, ImageDraw
for size, maskable in [(192, False), (512, False), (512, True)]:
    s = size / 32
    im = Image.new('RGBA', (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    if maskable:
        d.rectangle([0, 0, size, size], fill='#0072B2')
        k = 0.7  # the safe zone of a maskable icon: the inner 80 %
        off = size * (1 - k) / 2
        s = s * k
    else:
        d.rounded_rectangle([0, 0, size - 1, size - 1], radius=6 * s, fill='#0072B2')
        off = 0
    p = lambda x, y: (off + x * s, off + y * s)
    w = max(2, round(3 * s))
    d.line([p(5, 8), p(12, 8), p(12, 14), p(19, 14), p(19, 20), p(27, 20)], fill='white', width=w, joint='curve')
    r = 3 * s
    cx, cy = p(27, 20)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill='#D55E00')
    name = f"public/icons/icon-{size}{'-maskable' if maskable else ''}.png"
    im.save(name, optimize=True)
    print(name)
