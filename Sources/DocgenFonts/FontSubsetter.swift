import CHarfBuzz
import Foundation

/// Cuts an OpenType font down to the glyphs a set of characters needs, with HarfBuzz's subsetter.
///
/// Everything those characters can turn into stays: the glyphs the `MATH` table builds stretchy
/// operators and radicals from, and every glyph reachable through the font's layout features
/// (all features are kept, `ssty` script-size forms and `flac` flattened accents among them).
/// Outlines are kept as they are (CFF stays CFF); hinting is kept.
public enum FontSubsetter {
    public struct SubsetError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The subset font (an sfnt, like the input) holding `characters`; characters the font lacks
    /// are ignored.
    /// - Throws: `SubsetError` when HarfBuzz cannot read the font or cannot subset it.
    public static func subset(_ font: Data, keeping characters: Set<Unicode.Scalar>) throws -> Data {
        let face = try Face(font)
        guard let input = hb_subset_input_create_or_fail() else {
            throw SubsetError(description: "HarfBuzz could not allocate a subset input")
        }
        defer { hb_subset_input_destroy(input) }
        let unicodes = hb_subset_input_unicode_set(input)
        for scalar in characters { hb_set_add(unicodes, scalar.value) }
        // Every layout feature, not HarfBuzz's default list: math needs ssty, flac, dtls and the like.
        let features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        hb_set_clear(features)
        hb_set_invert(features)
        guard let subset = hb_subset_or_fail(face.handle, input) else {
            throw SubsetError(description: "HarfBuzz could not subset the font")
        }
        defer { hb_face_destroy(subset) }
        guard let blob = hb_face_reference_blob(subset) else {
            throw SubsetError(description: "HarfBuzz returned no subset font")
        }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let bytes = hb_blob_get_data(blob, &length), length > 0 else {
            throw SubsetError(description: "HarfBuzz returned an empty subset font")
        }
        return Data(bytes: bytes, count: Int(length))
    }

    /// A HarfBuzz face over a copy of the font's bytes, which it owns.
    private final class Face {
        let handle: OpaquePointer
        private let storage: UnsafeMutableRawBufferPointer

        init(_ font: Data) throws {
            guard !font.isEmpty, font.count < Int(UInt32.max) else {
                throw SubsetError(description: "the font file is empty or too large")
            }
            storage = UnsafeMutableRawBufferPointer.allocate(byteCount: font.count, alignment: 4)
            font.copyBytes(to: storage)
            let base = storage.baseAddress!.assumingMemoryBound(to: CChar.self)
            guard let blob = hb_blob_create_or_fail(base, UInt32(font.count), HB_MEMORY_MODE_READONLY, nil, nil) else {
                storage.deallocate()
                throw SubsetError(description: "HarfBuzz could not read the font")
            }
            defer { hb_blob_destroy(blob) }
            guard let face = hb_face_create(blob, 0) else {
                storage.deallocate()
                throw SubsetError(description: "HarfBuzz could not open the font")
            }
            guard hb_face_get_glyph_count(face) > 0 else {
                hb_face_destroy(face)
                storage.deallocate()
                throw SubsetError(description: "HarfBuzz found no glyphs in the font")
            }
            handle = face
        }

        deinit {
            hb_face_destroy(handle)
            storage.deallocate()
        }
    }
}
