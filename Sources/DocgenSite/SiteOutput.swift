import Foundation

/// Every file of a rendered site, keyed by its path relative to the output folder
/// (`/`-separated, for example `index.html` or `assets/docgen.css`), plus what went wrong softly.
public struct RenderedSite: Sendable {
    /// File contents by relative path.
    public var files: [String: Data]
    /// Problems that did not stop rendering (for example the math font was not found).
    public var warnings: [SiteWarning]
    /// Every page's parts, in reading order: what `SiteRenderer.renderEdited` needs of the pages it does not render.
    public var parts: [PageParts] = []
    /// The math font the pages link to, relative to the site root; nil when the site ships none.
    public var mathFontPath: String? = nil
    /// Files given as splices of the published ones (`SiteRenderer.renderEdited`), by relative path.
    public var splicedFiles: [String: SplicedFile] = [:]
}

/// A problem that leaves the site usable but worse.
public struct SiteWarning: Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier, for example `math-font-missing`.
    public var code: String
    /// A sentence for the author.
    public var message: String

    public var description: String { "\(code): \(message)" }
}

/// A problem that stops rendering. Each case names the file or page it concerns.
public enum SiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The built-in theme folder is missing from the bundle (a packaging error).
    case builtInThemeMissing(path: String)
    /// A file of the theme (built-in or override) could not be read.
    case unreadableThemeFile(path: String, reason: String)
    /// A Mustache template does not parse; `line` and `column` are 1-based.
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    /// A template nests sections too deep, includes itself (directly or through other partials) or names a partial
    /// by page data (`TemplateStructure`); `line` and `column` are those of the tag at fault.
    case templateStructure(path: String, line: Int, column: Int, reason: String)
    /// A required template (`page`, `index`) renders to nothing, for example because it is absent.
    case templateMissing(name: String)
    /// A page's `fileName` is not a plain `*.html` file name, is reserved, or repeats another page's.
    case invalidPageFileName(fileName: String, reason: String)

    public var description: String {
        switch self {
        case .builtInThemeMissing(let path):
            return "built-in theme folder missing at \(path)"
        case .unreadableThemeFile(let path, let reason):
            return "\(path): cannot read theme file: \(reason)"
        case .templateSyntax(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): template syntax error: \(reason)"
        case .templateStructure(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason)"
        case .templateMissing(let name):
            return "template '\(name).mustache' is missing"
        case .invalidPageFileName(let fileName, let reason):
            return "page file name '\(fileName)': \(reason)"
        }
    }
}
