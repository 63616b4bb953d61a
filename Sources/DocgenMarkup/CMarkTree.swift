import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that touches cmark-gfm pointers.
///
/// `CMarkTree` owns a parser and the document it produced; nodes are handed out as read-only
/// `CMarkNode` values that keep the tree alive, so a `CMarkNode` never dangles.
/// Source positions are cmark's: 1-based lines, 1-based *byte* columns.
final class CMarkTree {
    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// Registers the GFM core extensions exactly once per process (swift_once is thread-safe).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses UTF-8 Markdown with GFM tables, strikethrough, autolinks, task lists and footnotes.
    /// The tag filter is deliberately not attached: raw HTML passes through.
    init?(markdown: String) {
        _ = Self.registered
        guard let parser = cmark_parser_new(Self.options) else { return nil }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            cmark_parser_free(parser)
            return nil
        }
        cmark_consolidate_text_nodes(root)
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    private static let options: Int32 = Int32(CMARK_OPT_FOOTNOTES) | Int32(CMARK_OPT_UNSAFE)

    var document: CMarkNode { CMarkNode(tree: self, pointer: root) }

    /// Every node in document order (pre-order), collected without recursion so deep
    /// nesting cannot exhaust the stack.
    func allNodes() -> [CMarkNode] {
        var result: [CMarkNode] = []
        var current: OpaquePointer? = root
        while let node = current {
            result.append(CMarkNode(tree: self, pointer: node))
            if let child = cmark_node_first_child(node) {
                current = child
                continue
            }
            var climb: OpaquePointer? = node
            current = nil
            while let up = climb, up != root {
                if let next = cmark_node_next(up) { current = next; break }
                climb = cmark_node_parent(up)
            }
        }
        return result
    }

}

/// A node of a `CMarkTree`, valid as long as the tree (which it retains) lives.
struct CMarkNode: Hashable {
    fileprivate let tree: CMarkTree
    fileprivate let pointer: OpaquePointer

    static func == (a: CMarkNode, b: CMarkNode) -> Bool { a.pointer == b.pointer }
    func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    enum Kind: Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak, footnoteDefinition
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link, image, footnoteReference
        /// An extension node such as "table", "table_row", "table_cell", "strikethrough".
        case other(String)
    }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default:
            return .other(cmark_node_get_type_string(pointer).map { String(cString: $0) } ?? "")
        }
    }

    var parent: CMarkNode? { cmark_node_parent(pointer).map { CMarkNode(tree: tree, pointer: $0) } }
    var next: CMarkNode? { cmark_node_next(pointer).map { CMarkNode(tree: tree, pointer: $0) } }
    var previous: CMarkNode? { cmark_node_previous(pointer).map { CMarkNode(tree: tree, pointer: $0) } }
    var firstChild: CMarkNode? { cmark_node_first_child(pointer).map { CMarkNode(tree: tree, pointer: $0) } }

    var children: [CMarkNode] {
        var result: [CMarkNode] = []
        var child = firstChild
        while let c = child { result.append(c); child = c.next }
        return result
    }

    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }

    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }

    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }

    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    /// For a code block: its fence's length and character, or nil for an indented block.
    var fence: (length: Int, character: UInt8)? {
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(pointer, &length, &offset, &character) != 0 else { return nil }
        return (Int(length), UInt8(bitPattern: character))
    }

    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// cmark's block positions: 1-based line, 1-based byte column (0 when unknown).
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    // MARK: Lists, tables, task items

    /// For a list: whether it is numbered.
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    /// For a numbered list: the first item's number.
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    /// For a list: tight (no blank lines between items).
    var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }

    /// For a list item: its task-list state, or nil when it is not a task item.
    var taskChecked: Bool? {
        guard let name = cmark_node_get_type_string(pointer), String(cString: name) == "tasklist" else { return nil }
        return cmark_gfm_extensions_get_tasklist_item_checked(pointer)
    }

    /// For a table: per column, "l", "c", "r" or nil (no alignment given).
    var tableAlignments: [Character?] {
        let columns = Int(cmark_gfm_extensions_get_table_columns(pointer))
        guard columns > 0, let alignments = cmark_gfm_extensions_get_table_alignments(pointer) else { return [] }
        return (0..<columns).map { alignments[$0] == 0 ? nil : Character(Unicode.Scalar(alignments[$0])) }
    }

    /// For a table row: whether it is the header row.
    var isTableHeaderRow: Bool { cmark_gfm_extensions_get_table_row_is_header(pointer) != 0 }
}
