"""Writes Sources/DocgenProject/Starter/plants.csv, the data set of the course `docgen init` writes.

80 made-up potted plants. The height depends on light, water and fertilizer only:
height = 3 + 1.6*light + 0.025*water + 0.8*fertilizer + N(0, 2.5^2); temperature, soil pH, pot
size and humidity are noise the lasso should leave out. The generator (xorshift64* and Box-Muller)
is written out here so the file can be made again byte for byte:

    python3 Tests/DocgenProjectTests/make_plants.py > Sources/DocgenProject/Starter/plants.csv
"""
import math
import sys

MASK = 0xFFFFFFFFFFFFFFFF
state = 20261204


def uniform():
    global state
    state ^= (state >> 12) & MASK
    state ^= (state << 25) & MASK
    state ^= (state >> 27) & MASK
    state &= MASK
    return ((state * 0x2545F4914F6CDD1D) & MASK) / 2.0**64


def gaussian():
    u1, u2 = max(uniform(), 1e-12), uniform()
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


out = sys.stdout
out.write("light_hours,water_ml,fertilizer_g,temperature_c,soil_ph,pot_litres,humidity_pct,height_cm\n")
for _ in range(80):
    light = 4 + 10 * uniform()
    water = 100 + 400 * uniform()
    fertilizer = 10 * uniform()
    temperature = 18 + 8 * uniform()
    ph = 5.5 + 2 * uniform()
    pot = 1 + 4 * uniform()
    humidity = 40 + 40 * uniform()
    height = 3 + 1.6 * light + 0.025 * water + 0.8 * fertilizer + 2.5 * gaussian()
    out.write("%.1f,%.0f,%.1f,%.1f,%.2f,%.1f,%.0f,%.1f\n"
              % (light, water, fertilizer, temperature, ph, pot, humidity, height))
