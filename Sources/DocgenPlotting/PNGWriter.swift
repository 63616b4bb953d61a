// docgen's own PNG writer: Cairo pixels → PNG rows → `RowDeflater` → chunks. With CairoShim.swift and
// PNGEncoder.swift, one of the few files that read raw pixel memory.
import Foundation

/// Writes a Cairo image surface as a PNG file (PNG specification, 3rd edition): 8-bit RGB for opaque images or
/// RGBA with premultiplication undone, no row filter (the compressor finds the repeats a filter would expose),
/// an sRGB chunk and no time or text chunks, so equal pixels give equal bytes.
enum PNGWriter {
    /// Largest IDAT chunk written; the compressed stream is split into chunks of this size.
    static let idatChunkBytes = 1 << 18

    static func encode(_ surface: CairoImageSurface, opaque: Bool) throws -> [UInt8] {
        let width = surface.width, height = surface.height
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw PNGEncodingError(message: "invalid size \(width)×\(height)")
        }
        let stream = try surface.withPixelBytes { bytes, stride -> [UInt8] in
            guard let base = bytes.baseAddress else { return [] }
            return deflate(pixels: base.assumingMemoryBound(to: UInt32.self), width: width, height: height,
                           stride: stride / 4, opaque: opaque)
        }
        return assemble(stream: stream, width: width, height: height, opaque: opaque)
    }

    /// The zlib stream of the PNG rows of `height` rows of native-endian premultiplied ARGB32 pixels, each row
    /// `stride` pixels after the one before (only the first `width` of them are read).
    static func deflate(pixels base: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int, opaque: Bool) -> [UInt8] {
        let pixelBytes = opaque ? 3 : 4
        let rowBytes = 1 + pixelBytes * width
        let deflater = RowDeflater(rowBytes: rowBytes, pixelBytes: pixelBytes)
        var rowStorage = [UInt8](repeating: 0, count: 2 * rowBytes)  // the current and the previous PNG row
        let image = OpaquePixelRows(base: base, width: width, stride: stride)
        let places = opaque && deflater.canMatchAbove ? PixelPlaces(rowBytes: rowBytes, stride: stride) : nil
        rowStorage.withUnsafeMutableBufferPointer { storage in
            guard let storageBase = storage.baseAddress else { return }
            var current = storageBase, previous = storageBase + rowBytes
            for y in 0..<height {
                let pixels = image.row(y)
                if y > 0, deflater.canMatchAbove {
                    if memcmp(pixels, pixels - stride, 4 * width) == 0 {
                        deflater.appendRepeatOfPreviousRow(pixels: pixels, width: width)
                        continue
                    }
                    if let places {  // matched pixel by pixel, converting only the pixels that are new
                        deflater.append(opaqueRow: y, of: image, places: places)
                        continue
                    }
                }
                current[0] = 0  // filter type None
                if opaque {
                    convertOpaque(pixels, count: width, into: current + 1)
                } else {
                    convertTranslucent(pixels, count: width, into: current + 1)
                }
                deflater.append(row: current, previous: y > 0 ? UnsafePointer(previous) : nil)
                swap(&current, &previous)
            }
        }
        return deflater.finish()
    }

    /// The PNG file around a zlib stream of rows: signature, IHDR, sRGB, the stream in IDAT chunks, IEND.
    static func assemble(stream: [UInt8], width: Int, height: Int, opaque: Bool) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(stream.count + stream.count / idatChunkBytes * 12 + 64)
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // bit depth, colour type RGB/RGBA, deflate, adaptive filtering, no interlace
        png.appendChunk("IHDR", header[...])
        png.appendChunk("sRGB", [0][...])  // perceptual rendering intent; Cairo draws in sRGB
        var start = 0
        repeat {
            let end = min(stream.count, start + idatChunkBytes)
            png.appendChunk("IDAT", stream[start..<end])
            start = end
        } while start < stream.count
        png.appendChunk("IEND", [][...])
        return png
    }

    /// Native-endian premultiplied ARGB32 → R, G, B (alpha is 255 for opaque images, so no division).
    static func convertOpaque(_ pixels: UnsafePointer<UInt32>, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<count {
            let p = pixels[x]
            out[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
            out[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
            out[3 * x + 2] = UInt8(truncatingIfNeeded: p)
        }
    }

    /// Native-endian premultiplied ARGB32 → straight R, G, B, A, rounding to nearest; fully transparent → 0, 0, 0, 0.
    static func convertTranslucent(_ pixels: UnsafePointer<UInt32>, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<count {
            let p = pixels[x]
            let a = p >> 24
            let (r, g, b) = (p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF)
            if a == 0 {
                out[4 * x] = 0; out[4 * x + 1] = 0; out[4 * x + 2] = 0
            } else {
                out[4 * x] = UInt8(min(255, (r * 255 + a / 2) / a))
                out[4 * x + 1] = UInt8(min(255, (g * 255 + a / 2) / a))
                out[4 * x + 2] = UInt8(min(255, (b * 255 + a / 2) / a))
            }
            out[4 * x + 3] = UInt8(a)
        }
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8(value >> 16 & 0xFF)); append(UInt8(value >> 8 & 0xFF)); append(UInt8(value & 0xFF))
    }

    /// Appends a PNG chunk: length, type, data, and the CRC-32 of type and data.
    mutating func appendChunk(_ type: String, _ data: ArraySlice<UInt8>) {
        appendBigEndian(UInt32(data.count))
        let typeStart = count
        append(contentsOf: Array(type.utf8))
        append(contentsOf: data)
        let crc = withUnsafeBufferPointer { CRC32.update(0, UnsafeBufferPointer(rebasing: $0[typeStart...])) }
        appendBigEndian(crc)
    }
}
