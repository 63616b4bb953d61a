/*
 * DEFLATE engines that docgen does not link, measured on the pixels of a built site's PNGs: Intel's ISA-L
 * (igzip, levels 1-3), beside zlib (levels 1 and 6) and libdeflate (levels 1 and 2), each on the same rows with a
 * chosen PNG filter. `DocgenBenchmarks png` measures docgen's own writer against zlib level 6 in the same way, so
 * the two reports meet at zlib level 6 (size and CPU ratios).
 *
 *   apt-get install libisal-dev libdeflate-dev libpng-dev zlib1g-dev
 *   cc -O2 -o /tmp/png_deflate_engines benchmarks/png_deflate_engines.c -lisal -ldeflate -lpng -lz
 *   /tmp/png_deflate_engines none $(find Output -name '*.png')
 *
 * The first argument is the filter every row gets: none, sub, up, or minsum (per row, the one of the three whose
 * bytes, read as signed, have the smallest sum of magnitudes: libpng's heuristic). Each file is decoded with
 * libpng, filtered, and compressed by every engine as one zlib stream, three times; the least thread CPU time of
 * the three is kept, and sizes and times are summed over the files.
 */
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum filter { NONE = 0, SUB = 1, UP = 2, MINSUM = 5 };

static double thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Byte x of a row filtered by `f` (1 = sub, 2 = up, else none); `above` is NULL for the first row. */
static unsigned char filtered(int f, const unsigned char *row, const unsigned char *above, size_t x, int bpp) {
    unsigned left = x >= (size_t)bpp ? row[x - bpp] : 0, up = above ? above[x] : 0;
    return f == SUB ? (unsigned char)(row[x] - left) : f == UP ? (unsigned char)(row[x] - up) : row[x];
}

/* The image's rows, each as PNG lays it out in the image data: its filter type, then its filtered bytes. */
static unsigned char *png_rows(const char *path, enum filter mode, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        return NULL;
    }
    png_init_io(png, file);
    png_read_info(png, info);
    size_t height = png_get_image_height(png, info), stride = png_get_rowbytes(png, info);
    int bpp = png_get_channels(png, info) * (png_get_bit_depth(png, info) / 8);
    unsigned char *pixels = malloc(stride * height), *out = malloc((stride + 1) * height);
    for (size_t y = 0; y < height; y++) png_read_row(png, pixels + y * stride, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(file);
    for (size_t y = 0; y < height; y++) {
        const unsigned char *row = pixels + y * stride, *above = y ? row - stride : NULL;
        int f = mode;
        if (mode == MINSUM) {
            unsigned long best = 0;
            for (int candidate = NONE; candidate <= UP; candidate++) {
                unsigned long sum = 0;
                for (size_t x = 0; x < stride; x++) {
                    unsigned char b = filtered(candidate, row, above, x, bpp);
                    sum += b < 128 ? b : 256 - b;
                }
                if (candidate == NONE || sum < best) { best = sum; f = candidate; }
            }
        }
        unsigned char *dest = out + y * (stride + 1);
        dest[0] = (unsigned char)f;
        for (size_t x = 0; x < stride; x++) dest[1 + x] = filtered(f, row, above, x, bpp);
    }
    free(pixels);
    *length = (stride + 1) * height;
    return out;
}

static size_t isal_zlib(const unsigned char *in, size_t length, unsigned char *out, size_t capacity, int level) {
    static unsigned char *level_buffer;
    static size_t level_buffer_size;
    size_t need = level == 1 ? ISAL_DEF_LVL1_DEFAULT : level == 2 ? ISAL_DEF_LVL2_DEFAULT : ISAL_DEF_LVL3_DEFAULT;
    if (level_buffer_size < need) {
        level_buffer = realloc(level_buffer, need);
        level_buffer_size = need;
    }
    struct isal_zstream stream;
    isal_deflate_init(&stream);
    stream.level = (unsigned)level;
    stream.level_buf = level_buffer;
    stream.level_buf_size = (unsigned)need;
    stream.gzip_flag = IGZIP_ZLIB;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    stream.next_in = (unsigned char *)in;
    stream.avail_in = (unsigned)length;
    stream.next_out = out;
    stream.avail_out = (unsigned)capacity;
    if (isal_deflate(&stream) != COMP_OK || stream.internal_state.state != ZSTATE_END) {
        fprintf(stderr, "isa-l level %d failed\n", level);
        exit(1);
    }
    return stream.total_out;
}

#define ENGINES 7
static const char *names[ENGINES] = {"zlib level 6", "zlib level 1", "libdeflate level 1", "libdeflate level 2",
                                     "isa-l level 1", "isa-l level 2", "isa-l level 3"};

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s none|sub|up|minsum FILE.png...\n", argv[0]);
        return 2;
    }
    enum filter mode = !strcmp(argv[1], "sub") ? SUB : !strcmp(argv[1], "up") ? UP
                       : !strcmp(argv[1], "minsum") ? MINSUM : NONE;
    struct libdeflate_compressor *deflate1 = libdeflate_alloc_compressor(1), *deflate2 = libdeflate_alloc_compressor(2);
    double bytes[ENGINES] = {0}, seconds[ENGINES] = {0};
    int files = 0;
    for (int a = 2; a < argc; a++) {
        size_t length;
        unsigned char *rows = png_rows(argv[a], mode, &length);
        if (!rows) {
            fprintf(stderr, "skipped %s (not a PNG libpng reads)\n", argv[a]);
            continue;
        }
        files++;
        size_t capacity = compressBound(length) + 1024;
        unsigned char *out = malloc(capacity);
        for (int e = 0; e < ENGINES; e++) {
            double best = 1e30;
            size_t size = 0;
            for (int run = 0; run < 3; run++) {
                double start = thread_seconds();
                uLongf zsize = capacity;
                switch (e) {
                case 0: compress2(out, &zsize, rows, length, 6); size = zsize; break;
                case 1: compress2(out, &zsize, rows, length, 1); size = zsize; break;
                case 2: size = libdeflate_zlib_compress(deflate1, rows, length, out, capacity); break;
                case 3: size = libdeflate_zlib_compress(deflate2, rows, length, out, capacity); break;
                default: size = isal_zlib(rows, length, out, capacity, e - 3);
                }
                double elapsed = thread_seconds() - start;
                if (elapsed < best) best = elapsed;
            }
            bytes[e] += (double)size;
            seconds[e] += best;
        }
        free(out);
        free(rows);
    }
    printf("%d files, filter %s\n%-20s %12s %12s %14s %14s\n", files, argv[1], "engine", "bytes", "CPU",
           "size / zlib 6", "CPU / zlib 6");
    for (int e = 0; e < ENGINES; e++)
        printf("%-20s %9.2f MB %10.3f s %14.3f %14.3f\n", names[e], bytes[e] / 1e6, seconds[e], bytes[e] / bytes[0],
               seconds[e] / seconds[0]);
    return 0;
}
