#pragma once
// BPS_CLONES: compile a kernel twice on x86-64 (baseline SSE2 and AVX2+FMA) and let the loader
// pick the version for the CPU it runs on, so the portable build gets the wide vectors too.
// Not when the whole build already targets AVX2, not for clang (which spells it otherwise),
// and not under BPS_NO_CLONES (ThreadSanitizer crashes in GCC's resolvers). `flatten` inlines
// the whole kernel body into each version, so all of it gets the wide vectors.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__AVX2__) && \
    !defined(BPS_NO_CLONES)
#define BPS_CLONES __attribute__((target_clones("arch=x86-64-v3", "default"), flatten))
#else
#define BPS_CLONES __attribute__((flatten))
#endif
