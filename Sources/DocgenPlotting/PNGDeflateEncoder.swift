// PNG encoding through libdeflate: the rows (no filter) are laid out whole, then compressed in one call.

enum PNGDeflateEncoder {
    /// PNG bytes of `surface` with every row unfiltered and the image data compressed by libdeflate at `level`
    /// (1…12). Opaque surfaces become 8-bit RGB, others 8-bit RGBA with premultiplication undone, as in `PNGWriter`.
    static func encode(_ surface: CairoImageSurface, opaque: Bool, level: Int32) throws -> [UInt8] {
        let width = surface.width, height = surface.height
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw PNGEncodingError(message: "invalid size \(width)×\(height)")
        }
        guard (1...12).contains(level) else { throw PNGEncodingError(message: "libdeflate level \(level) outside 1…12") }
        let rowBytes = 1 + (opaque ? 3 : 4) * width
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        try surface.withPixelBytes { bytes, stride in
            guard let pixelBase = bytes.baseAddress else { return }
            rows.withUnsafeMutableBufferPointer { out in
                guard let outBase = out.baseAddress else { return }
                for y in 0..<height {
                    let pixels = (pixelBase + y * stride).assumingMemoryBound(to: UInt32.self)
                    let row = outBase + y * rowBytes  // row[0] stays 0: filter type None
                    if opaque {
                        PNGWriter.convertOpaque(pixels, count: width, into: row + 1)
                    } else {
                        PNGWriter.convertTranslucent(pixels, count: width, into: row + 1)
                    }
                }
            }
        }
        let stream: [UInt8]
        do { stream = try PNGOptimizer.deflate(rows, level: level) } catch {
            throw PNGEncodingError(message: "\(error)")
        }
        return PNGWriter.assemble(stream: stream, width: width, height: height, opaque: opaque)
    }
}
