// PNG encoding of a Cairo image surface through libpng. With CairoShim.swift, the only raw-pointer code.
import CPNG

/// How a figure becomes PNG bytes: docgen's own writer (the default), or libpng with zlib and the settings below.
///
/// The default, `.rowMatching`, compresses each pixel as a repeat of the pixel to its left, the pixel above it, or
/// an earlier run of the same pixels found by colour (see `RowDeflater` and `PixelPlaces`); it encodes several
/// times faster than zlib's fastest level, and on the course's figures its files are 1.13× zlib level 6's
/// (`DocgenBenchmarks png`). The zlib settings were measured on the 1600×1000 path figure:
/// level 1, default strategy, no row filter and a 32 KiB window were the fastest zlib choice (≈ 9.6 ms, ≈ 160 kB);
/// RLE is as fast but 30 % larger, up/sub/Paeth filters cost 2–8 ms more, smaller windows are slower, and
/// level 6 takes ≈ 30 ms and level 9 ≈ 150 ms for files 15–17 % smaller.
public struct PNGSettings: Sendable, Equatable {
    public enum Engine: Sendable, Equatable {
        /// docgen's own writer: whole-pixel matches one pixel left, one row up, or at an earlier place of the same
        /// colour within the window; dynamic Huffman blocks.
        case rowMatching
        /// libpng and zlib with `level`, `strategy`, `filter`, `windowBits` and `memLevel`.
        case zlib
        /// libdeflate at `level` (1…12) on unfiltered rows, in one call.
        case libdeflate
    }
    /// zlib strategy; `.rle` only finds runs (distance 1), which plot images are made of, and is fast.
    public enum Strategy: Int32, Sendable { case `default` = 0, filtered = 1, huffmanOnly = 2, rle = 3 }
    /// PNG row filter applied to every row (a fixed filter keeps output deterministic and fast).
    public enum RowFilter: Int32, Sendable { case none = 0x08, sub = 0x10, up = 0x20, average = 0x40, paeth = 0x80, adaptive = 0xF8 }

    public var engine: Engine
    /// zlib compression level, 0 (store) … 9 (smallest).
    public var level: Int32
    public var strategy: Strategy
    public var filter: RowFilter
    /// zlib window size as a power of two (8…15): the distance back at which repeats are found.
    public var windowBits: Int32
    /// zlib memory level (1…9): size of the match hash table.
    public var memLevel: Int32

    /// libpng + zlib settings (engine `.zlib`).
    public init(level: Int32 = 1, strategy: Strategy = .default, filter: RowFilter = .none, windowBits: Int32 = 15,
                memLevel: Int32 = 8) {
        self.engine = .zlib
        self.level = level
        self.strategy = strategy
        self.filter = filter
        self.windowBits = windowBits
        self.memLevel = memLevel
    }

    /// docgen's own writer.
    public static let standard: PNGSettings = {
        var settings = PNGSettings()
        settings.engine = .rowMatching
        return settings
    }()

    /// libdeflate at `level` (1…12), rows unfiltered.
    public static func libdeflate(level: Int32) -> PNGSettings {
        var settings = PNGSettings(level: level)
        settings.engine = .libdeflate
        return settings
    }

    /// The fastest zlib settings found by measurement (level 1, no filter).
    public static let zlibFastest = PNGSettings()
}

/// Failure while encoding (invalid image geometry detected before libpng is called).
public struct PNGEncodingError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { "PNG encoding failed: \(message)" }
}

/// Accumulates libpng's output; passed to the write callback as its io pointer.
private final class PNGOutputBuffer {
    var bytes: [UInt8] = []
}

private let pngWrite: @convention(c) (png_structp?, png_bytep?, Int) -> Void = { png, data, length in
    guard let png, let data, let io = png_get_io_ptr(png) else { return }
    let buffer = Unmanaged<PNGOutputBuffer>.fromOpaque(io).takeUnretainedValue()
    buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
}
private let pngFlush: @convention(c) (png_structp?) -> Void = { _ in }
private let pngWarning: @convention(c) (png_structp?, png_const_charp?) -> Void = { _, _ in }

enum PNGEncoder {

    /// Encodes with `PNGWriter` (engine `.rowMatching`) or libpng (engine `.zlib`).
    /// An opaque surface becomes 8-bit RGB (alpha dropped: for opaque pixels premultiplied = straight).
    /// Or, with `opaque == false`, as 8-bit RGBA with premultiplication undone.
    /// No time or text chunks are written, so equal pixels give equal bytes.
    static func encode(_ surface: CairoImageSurface, opaque: Bool, settings: PNGSettings) throws -> [UInt8] {
        switch settings.engine {
        case .rowMatching: return try PNGWriter.encode(surface, opaque: opaque)
        case .libdeflate: return try PNGDeflateEncoder.encode(surface, opaque: opaque, level: settings.level)
        case .zlib: break
        }
        let width = surface.width, height = surface.height
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw PNGEncodingError(message: "invalid size \(width)×\(height)")
        }
        guard (0...9).contains(settings.level) else {
            throw PNGEncodingError(message: "zlib level \(settings.level) outside 0…9")
        }
        guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, pngWarning) else {
            throw PNGEncodingError(message: "png_create_write_struct returned null")
        }
        var pngOptional: png_structp? = png
        guard let info = png_create_info_struct(png) else {
            png_destroy_write_struct(&pngOptional, nil)
            throw PNGEncodingError(message: "png_create_info_struct returned null")
        }
        var infoOptional: png_infop? = info
        defer { png_destroy_write_struct(&pngOptional, &infoOptional) }

        let output = PNGOutputBuffer()
        output.bytes.reserveCapacity(width * height / 8)
        let io = Unmanaged.passUnretained(output).toOpaque()
        png_set_write_fn(png, io, pngWrite, pngFlush)
        png_set_compression_level(png, settings.level)
        png_set_compression_strategy(png, settings.strategy.rawValue)
        png_set_compression_buffer_size(png, 1 << 16)
        png_set_compression_window_bits(png, min(15, max(8, settings.windowBits)))
        png_set_compression_mem_level(png, min(9, max(1, settings.memLevel)))
        png_set_filter(png, 0, settings.filter.rawValue)

        let colorType: Int32 = opaque ? 2 : 6  // PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGBA
        png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, colorType, 0, 0, 0)
        png_set_sRGB(png, info, 0)  // perceptual intent; Cairo draws in sRGB
        png_write_info(png, info)

        try surface.withPixelBytes { bytes, stride in
            guard let base = bytes.baseAddress else { return }
            let channels = opaque ? 3 : 4
            var row = [UInt8](repeating: 0, count: width * channels)
            row.withUnsafeMutableBufferPointer { rowBuffer in
                guard let rowBase = rowBuffer.baseAddress else { return }
                for y in 0..<height {
                    let pixels = (base + y * stride).assumingMemoryBound(to: UInt32.self)
                    if opaque {
                        PNGWriter.convertOpaque(pixels, count: width, into: rowBase)
                    } else {
                        PNGWriter.convertTranslucent(pixels, count: width, into: rowBase)
                    }
                    png_write_row(png, rowBase)
                }
            }
        }
        png_write_end(png, info)
        return output.bytes
    }
}

/// An image decoded from PNG: 8-bit RGBA, straight alpha, rows top to bottom.
public struct DecodedImage: Sendable, Equatable {
    public var width: Int, height: Int
    /// 4 bytes per pixel (R, G, B, A), `width × 4` bytes per row.
    public var rgba: [UInt8]

    /// The pixel at column `x`, row `y` (device pixels, origin top left).
    public func pixel(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = 4 * (y * width + x)
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }
}

extension DecodedImage {
    /// Whether every pixel is fully opaque (then the image is written as RGB).
    public var isOpaque: Bool { stride(from: 3, to: rgba.count, by: 4).allSatisfy { rgba[$0] == 255 } }

    /// The image encoded again as PNG with `settings`, through the same path as a rendered figure: the pixels are
    /// premultiplied into a Cairo surface first. Lossless for opaque images; for translucent ones the colours
    /// round-trip through 8-bit premultiplication. For comparing encoders on real figures.
    public func encodedPNG(settings: PNGSettings) throws -> [UInt8] {
        try surfaceForEncoding().png(settings: settings)
    }

    /// The pixels premultiplied into a Cairo surface, ready to be encoded (possibly several times).
    public func surfaceForEncoding() throws -> EncodableSurface {
        let surface = try CairoImageSurface(width: width, height: height)
        try surface.withMutablePixelBytes { bytes, stride in
            for y in 0..<height {
                for x in 0..<width {
                    let i = 4 * (y * width + x)
                    let a = UInt32(rgba[i + 3])
                    func premultiplied(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 127) / 255 }
                    let pixel = a << 24 | premultiplied(rgba[i]) << 16 | premultiplied(rgba[i + 1]) << 8 | premultiplied(rgba[i + 2])
                    bytes.storeBytes(of: pixel, toByteOffset: y * stride + 4 * x, as: UInt32.self)
                }
            }
        }
        return EncodableSurface(surface: surface, opaque: isOpaque)
    }
}

/// Pixels in a Cairo surface, to be encoded as PNG.
public final class EncodableSurface {
    let surface: CairoImageSurface
    let opaque: Bool
    init(surface: CairoImageSurface, opaque: Bool) { self.surface = surface; self.opaque = opaque }

    public func png(settings: PNGSettings) throws -> [UInt8] {
        try PNGEncoder.encode(surface, opaque: opaque, settings: settings)
    }
}

/// Decodes PNG bytes with libpng's simplified API (which handles libpng errors itself and reports them
/// as a failed status), e.g. to verify figures in tests.
public enum PNGDecoder {
    public static func decode(_ bytes: [UInt8]) throws -> DecodedImage {
        try bytes.withUnsafeBytes { memory in
            var image = png_image()
            image.version = png_uint_32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0 else {
                throw PNGEncodingError(message: "not a readable PNG: " + message(of: &image))
            }
            image.format = 3  // PNG_FORMAT_RGBA = PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA
            let width = Int(image.width), height = Int(image.height)
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard finished != 0 else {
                let text = message(of: &image)
                png_image_free(&image)
                throw PNGEncodingError(message: "PNG decoding failed: " + text)
            }
            return DecodedImage(width: width, height: height, rgba: pixels)
        }
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
