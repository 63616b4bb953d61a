/* The element-by-element kernels (tanh, and the log-loss of a row), written once for vectors of EW_WIDTH doubles.
 * NetworkKernels.c includes this file once per width, after defining:
 *
 *   EW_WIDTH       4 or 8
 *   EW(name)       the name with the width's suffix (name_w4, name_w8)
 *   EW_INLINE      the attributes of every function here: always inlined, and for eight doubles also compiled for
 *                  AVX-512 (a 64-byte vector may not appear in a function compiled for less)
 *
 * Every lane takes exactly the operations of FixedOrderMath's scalar function, in the same order, whatever the
 * width: a lane's bits do not depend on its neighbours or on how many there are. */

#define VD EW(vd)
#define VI EW(vi)
#define VU EW(vu)

typedef double VD __attribute__((vector_size(EW_WIDTH * 8)));
typedef int64_t VI __attribute__((vector_size(EW_WIDTH * 8)));
typedef uint64_t VU __attribute__((vector_size(EW_WIDTH * 8)));

EW_INLINE VD EW(splat)(double x) {
    VD v;
    for (int lane = 0; lane < EW_WIDTH; lane++) v[lane] = x;
    return v;
}

EW_INLINE VU EW(splat_bits)(uint64_t x) {
    VU v;
    for (int lane = 0; lane < EW_WIDTH; lane++) v[lane] = x;
    return v;
}

EW_INLINE VD EW(load)(const double *p) { VD v; memcpy(&v, p, sizeof v); return v; }
EW_INLINE void EW(store)(double *p, VD v) { memcpy(p, &v, sizeof v); }

/* Lane by lane: where mask is all ones, a; where it is zero, b. */
EW_INLINE VD EW(blend)(VI mask, VD a, VD b) { return (VD)((mask & (VI)a) | (~mask & (VI)b)); }

EW_INLINE VD EW(magnitude)(VD x) { return (VD)((VU)x & EW(splat_bits)(INT64_MAX)); }

/* x = k·ln 2 + r with |r| ≤ ln2/2, and 2^k, for |x| ≤ 709 (FixedOrderMath.reduce). */
EW_INLINE void EW(reduce)(VD x, VD *r, VD *scale) {
    VD t = x * EW(splat)(invLn2) + EW(splat)(shifter);
    VD k = t - EW(splat)(shifter);
    *r = (x - k * EW(splat)(ln2Hi)) - k * EW(splat)(ln2Lo);
    /* t's low bits hold k: 2^k has the exponent field k + 1023 (wrapping arithmetic, as Swift's &- and &+). */
    uint64_t shifterBits;
    memcpy(&shifterBits, &shifter, sizeof shifterBits);
    VU exponent = (VU)t + EW(splat_bits)(1023 - shifterBits);
    *scale = (VD)(exponent << EW(splat_bits)(52));
}

/* e^r − 1 for |r| ≤ ln2/2 (FixedOrderMath.expm1Reduced): Horner's rule from 1/13!, then r + r²·q. */
EW_INLINE VD EW(expm1_reduced)(VD r) {
    VD q = EW(splat)(1.0 / 6227020800.0);
    q = q * r + EW(splat)(1.0 / 479001600.0);
    q = q * r + EW(splat)(1.0 / 39916800.0);
    q = q * r + EW(splat)(1.0 / 3628800.0);
    q = q * r + EW(splat)(1.0 / 362880.0);
    q = q * r + EW(splat)(1.0 / 40320.0);
    q = q * r + EW(splat)(1.0 / 5040.0);
    q = q * r + EW(splat)(1.0 / 720.0);
    q = q * r + EW(splat)(1.0 / 120.0);
    q = q * r + EW(splat)(1.0 / 24.0);
    q = q * r + EW(splat)(1.0 / 6.0);
    q = q * r + EW(splat)(0.5);
    return r + (r * r) * q;
}

/* FixedOrderMath.tanh: sign(x) · m / (m + 2), m = e^{2a} − 1, a = min(|x|, 20) (Swift's min(a, 20) being
 * 20 < a ? 20 : a). */
EW_INLINE VD EW(tanh)(VD x) {
    VD magnitude = EW(magnitude)(x);
    VD a = EW(blend)(EW(splat)(20) < magnitude, EW(splat)(20), magnitude);
    VD r, scale;
    EW(reduce)(EW(splat)(2) * a, &r, &scale);
    VD m = scale * EW(expm1_reduced)(r) + (scale - EW(splat)(1));
    VD result = m / (m + EW(splat)(2));
    return EW(blend)(x < EW(splat)(0), -result, result);
}

/* FixedOrderMath.exp: e^x for x clamped to [−708, 709] as Swift's min(max(x, −708), 709) clamps it (Swift's
 * max(x, y) is y >= x ? y : x, its min(x, y) is y < x ? y : x). */
EW_INLINE VD EW(exp)(VD x) {
    VD low = EW(blend)(EW(splat)(-708) >= x, EW(splat)(-708), x);
    VD c = EW(blend)(EW(splat)(709) < low, EW(splat)(709), low);
    VD r, scale;
    EW(reduce)(c, &r, &scale);
    return scale + scale * EW(expm1_reduced)(r);
}

/* FixedOrderMath.log1pUnit: log(1 + u) for u in [0, 1]. Both of its reductions are computed and each lane keeps
 * its own. */
EW_INLINE VD EW(log1p_unit)(VD u) {
    VI big = u > EW(splat)(0.41421356237309503);
    VD s = EW(blend)(big, (u - EW(splat)(1)) / (u + EW(splat)(3)), u / (EW(splat)(2) + u));
    VD s2 = s * s;
    VD q = EW(splat)(1.0 / 21);
    q = q * s2 + EW(splat)(1.0 / 19);
    q = q * s2 + EW(splat)(1.0 / 17);
    q = q * s2 + EW(splat)(1.0 / 15);
    q = q * s2 + EW(splat)(1.0 / 13);
    q = q * s2 + EW(splat)(1.0 / 11);
    q = q * s2 + EW(splat)(1.0 / 9);
    q = q * s2 + EW(splat)(1.0 / 7);
    q = q * s2 + EW(splat)(1.0 / 5);
    q = q * s2 + EW(splat)(1.0 / 3);
    VD logW = EW(splat)(2) * s + EW(splat)(2) * s * (s2 * q);
    return EW(blend)(big, EW(splat)(ln2Hi) + (EW(splat)(ln2Lo) + logW), logW);
}

/* One vector of rows of the log-loss: the terms, and with delta the scaled residuals. */
EW_INLINE void EW(log_loss)(VD eta, VD y, double scale, VD *term, VD *delta) {
    VD e = EW(exp)(-EW(magnitude)(eta));
    /* FixedOrderMath.softplus: max(η, 0) + log(1 + e^{−|η|}), Swift's max(η, 0) being 0 >= η ? 0 : η. */
    VD softplus = EW(blend)(EW(splat)(0) >= eta, EW(splat)(0), eta) + EW(log1p_unit)(e);
    *term = softplus - y * eta;
    if (delta) {
        /* FixedOrderMath.sigmoid: 1/(1 + e^{−|η|}), times e^{−|η|} for η < 0. */
        VD s = EW(splat)(1) / (EW(splat)(1) + e);
        VD sigmoid = EW(blend)(eta >= EW(splat)(0), s, e * s);
        *delta = (sigmoid - y) * EW(splat)(scale);
    }
}

EW_INLINE void EW(log_loss_body)(size_t n, const double *eta, const double *y, double scale, double *terms,
                                 double *delta) {
    size_t i = 0;
    VD term, residual;
    for (; i + EW_WIDTH <= n; i += EW_WIDTH) {
        EW(log_loss)(EW(load)(eta + i), EW(load)(y + i), scale, &term, delta ? &residual : NULL);
        EW(store)(terms + i, term);
        if (delta) EW(store)(delta + i, residual);
    }
    if (i < n) {
        double etaRest[EW_WIDTH] = {0}, yRest[EW_WIDTH] = {0};
        memcpy(etaRest, eta + i, (n - i) * sizeof(double));
        memcpy(yRest, y + i, (n - i) * sizeof(double));
        EW(log_loss)(EW(load)(etaRest), EW(load)(yRest), scale, &term, delta ? &residual : NULL);
        memcpy(terms + i, &term, (n - i) * sizeof(double));
        if (delta) memcpy(delta + i, &residual, (n - i) * sizeof(double));
    }
}

EW_INLINE void EW(tanh_body)(double *v, size_t count) {
    size_t k = 0;
    /* Four vectors an iteration: each is a long chain of dependent steps (the polynomial), and four independent
     * chains written side by side let the processor overlap them. */
    for (; k + 4 * EW_WIDTH <= count; k += 4 * EW_WIDTH) {
        VD x0 = EW(load)(v + k), x1 = EW(load)(v + k + EW_WIDTH);
        VD x2 = EW(load)(v + k + 2 * EW_WIDTH), x3 = EW(load)(v + k + 3 * EW_WIDTH);
        EW(store)(v + k, EW(tanh)(x0));
        EW(store)(v + k + EW_WIDTH, EW(tanh)(x1));
        EW(store)(v + k + 2 * EW_WIDTH, EW(tanh)(x2));
        EW(store)(v + k + 3 * EW_WIDTH, EW(tanh)(x3));
    }
    for (; k + EW_WIDTH <= count; k += EW_WIDTH) EW(store)(v + k, EW(tanh)(EW(load)(v + k)));
    if (k < count) {
        double rest[EW_WIDTH] = {0};
        memcpy(rest, v + k, (count - k) * sizeof(double));
        VD out = EW(tanh)(EW(load)(rest));
        memcpy(v + k, &out, (count - k) * sizeof(double));
    }
}

#undef VD
#undef VI
#undef VU
