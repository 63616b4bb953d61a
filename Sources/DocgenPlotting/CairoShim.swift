// The only file that touches Cairo handles. Raw pixel memory is also read by the PNG code (PNGWriter, RowDeflater,
// Checksums, PNGEncoder).
// Each Cairo handle is owned by one small final class whose deinit destroys it.
import CCairo
import Foundation

/// Serializes every Cairo call that can make, use or drop a scaled font. Cairo shares scaled fonts between threads
/// through a process-wide cache, and a scaled font destroyed on one thread while another is drawing glyphs with it
/// aborts the process (`cairo_scaled_font_destroy: Assertion '! scaled_font->cache_frozen' failed`, seen once in CI
/// while figures were drawn on two threads; a known Cairo race). Text drawing, text measuring, and what releases a
/// context's scaled font (changing the font or the transformation, restoring a saved state, destroying the context)
/// take this lock; paths, fills and strokes do not.
private let scaledFontLock = NSLock()

/// A failure reported by Cairo (`cairo_status_t` other than success), with its message.
public struct CairoError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let message: String
    public var description: String { "cairo \(operation) failed: \(message)" }
}

private func check(_ status: cairo_status_t, _ operation: String) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
        let message = cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        throw CairoError(operation: operation, message: message)
    }
}

/// Owns a `cairo_surface_t` of format ARGB32 (native-endian premultiplied 32-bit pixels).
final class CairoImageSurface {
    let handle: OpaquePointer
    let width: Int
    let height: Int

    init(width: Int, height: Int) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw CairoError(operation: "image_surface_create", message: "invalid size \(width)×\(height)")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw CairoError(operation: "image_surface_create", message: "null surface")
        }
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            try check(status, "image_surface_create")
        }
        self.handle = surface
        self.width = width
        self.height = height
    }

    deinit { cairo_surface_destroy(handle) }

    /// Bytes per row of the pixel buffer (may exceed 4 × width).
    var stride: Int { Int(cairo_image_surface_get_stride(handle)) }

    /// Gives read access to the pixel rows after flushing pending drawing.
    func withPixelBytes<R>(_ body: (UnsafeRawBufferPointer, _ stride: Int) throws -> R) throws -> R {
        cairo_surface_flush(handle)
        try check(cairo_surface_status(handle), "surface_flush")
        guard let data = cairo_image_surface_get_data(handle) else {
            throw CairoError(operation: "image_surface_get_data", message: "no pixel data")
        }
        let buffer = UnsafeRawBufferPointer(start: data, count: stride * height)
        return try body(buffer, stride)
    }

    /// Gives write access to the pixel rows (native-endian premultiplied ARGB32), then tells Cairo they changed.
    func withMutablePixelBytes<R>(_ body: (UnsafeMutableRawBufferPointer, _ stride: Int) throws -> R) throws -> R {
        cairo_surface_flush(handle)
        guard let data = cairo_image_surface_get_data(handle) else {
            throw CairoError(operation: "image_surface_get_data", message: "no pixel data")
        }
        defer { cairo_surface_mark_dirty(handle) }
        return try body(UnsafeMutableRawBufferPointer(start: data, count: stride * height), stride)
    }

    /// Copies the pixels as native-endian 32-bit premultiplied ARGB values, row-major, `width` per row.
    func argbPixels() throws -> [UInt32] {
        try withPixelBytes { bytes, stride in
            var result = [UInt32](repeating: 0, count: width * height)
            for y in 0..<height {
                for x in 0..<width {
                    result[y * width + x] = bytes.load(fromByteOffset: y * stride + 4 * x, as: UInt32.self)
                }
            }
            return result
        }
    }
}

/// Font slant/weight choices exposed to the drawing layer.
enum FontWeight { case normal, bold }

/// Ink and logical extents of a string in user-space units.
struct TextExtents {
    var xBearing: Double, yBearing: Double, width: Double, height: Double, xAdvance: Double
}

/// Owns a `cairo_t` drawing context on a surface.
final class CairoContext {
    private let handle: OpaquePointer
    private let surface: CairoImageSurface  // keeps the surface alive as long as the context

    init(surface: CairoImageSurface) throws {
        guard let cr = cairo_create(surface.handle) else {
            throw CairoError(operation: "create", message: "null context")
        }
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(cr)
            try check(status, "create")
        }
        self.handle = cr
        // Curves (round joins and caps, circles) are flattened to within 0.25 device px instead of Cairo's 0.1:
        // invisible at 2 device px per CSS px, and rounded strokes get about 40 % fewer polygon edges.
        cairo_set_tolerance(cr, 0.25)
        self.surface = surface
        // Grayscale antialiasing and unhinted metrics: text positions scale exactly and renders are reproducible.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            scaledFontLock.withLock { cairo_set_font_options(cr, options) }
            cairo_font_options_destroy(options)
        }
    }

    deinit { scaledFontLock.withLock { cairo_destroy(handle) } }

    /// Throws if the context has entered an error state (Cairo errors are sticky).
    func checkStatus(_ operation: String) throws { try check(cairo_status(handle), operation) }

    func save() { cairo_save(handle) }
    func restore() { scaledFontLock.withLock { cairo_restore(handle) } }
    func scale(_ sx: Double, _ sy: Double) { scaledFontLock.withLock { cairo_scale(handle, sx, sy) } }
    func translate(_ dx: Double, _ dy: Double) { scaledFontLock.withLock { cairo_translate(handle, dx, dy) } }
    func rotate(_ radians: Double) { scaledFontLock.withLock { cairo_rotate(handle, radians) } }

    func setSource(red: Double, green: Double, blue: Double, alpha: Double) {
        cairo_set_source_rgba(handle, red, green, blue, alpha)
    }
    func setLineWidth(_ width: Double) { cairo_set_line_width(handle, width) }
    func setDash(_ pattern: [Double], offset: Double = 0) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(handle, $0.baseAddress, Int32($0.count), offset) }
    }
    func setRoundJoinsAndCaps(_ round: Bool) {
        cairo_set_line_cap(handle, round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(handle, round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER)
    }
    func setAntialias(_ on: Bool) { cairo_set_antialias(handle, on ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE) }

    func newPath() { cairo_new_path(handle) }
    func moveTo(_ x: Double, _ y: Double) { cairo_move_to(handle, x, y) }
    func lineTo(_ x: Double, _ y: Double) { cairo_line_to(handle, x, y) }
    func closePath() { cairo_close_path(handle) }
    func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(handle, x, y, w, h) }
    func arc(_ cx: Double, _ cy: Double, _ r: Double, _ a0: Double, _ a1: Double) { cairo_arc(handle, cx, cy, r, a0, a1) }
    func stroke() { cairo_stroke(handle) }
    func fill() { cairo_fill(handle) }
    func fillPreserve() { cairo_fill_preserve(handle) }
    func paint() { cairo_paint(handle) }
    func clip() { cairo_clip(handle) }

    /// Device pixels per user-space unit along x in the current transformation.
    var deviceScale: Double {
        var m = cairo_matrix_t()
        cairo_get_matrix(handle, &m)
        return m.xx
    }

    /// Makes `tile` (device pixels) the source, repeated across the plane and anchored to the device pixel grid,
    /// copied without filtering: every repeat shows exactly the tile's pixels.
    func setRepeatingSource(_ tile: CairoImageSurface) {
        guard let pattern = cairo_pattern_create_for_surface(tile.handle) else { return }
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        var userToDevice = cairo_matrix_t()
        cairo_get_matrix(handle, &userToDevice)
        cairo_pattern_set_matrix(pattern, &userToDevice)  // pattern space = device space
        cairo_set_source(handle, pattern)
        cairo_pattern_destroy(pattern)
    }

    func resetClip() { cairo_reset_clip(handle) }

    func selectFont(family: String, weight: FontWeight, size: Double) {
        scaledFontLock.withLock {
            cairo_select_font_face(handle, family, CAIRO_FONT_SLANT_NORMAL,
                                   weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(handle, size)
        }
    }

    func textExtents(_ text: String) -> TextExtents {
        var e = cairo_text_extents_t()
        scaledFontLock.withLock { cairo_text_extents(handle, text, &e) }
        return TextExtents(xBearing: e.x_bearing, yBearing: e.y_bearing, width: e.width, height: e.height,
                           xAdvance: e.x_advance)
    }

    /// Ascent and descent of the current font (positive numbers, user units).
    func fontAscentDescent() -> (ascent: Double, descent: Double) {
        var e = cairo_font_extents_t()
        scaledFontLock.withLock { cairo_font_extents(handle, &e) }
        return (e.ascent, e.descent)
    }

    /// Draws `text` with its baseline origin at the current point.
    func showText(_ text: String) { scaledFontLock.withLock { cairo_show_text(handle, text) } }
}
