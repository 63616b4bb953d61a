import Foundation
import Mustache

/// The templates and static assets a site is rendered with: the built-in theme (the files of `Theme/`,
/// compiled into the executable), with any file of the same relative path in the author's override
/// folder taking its place.
struct Theme {
    /// Mustache templates by name (relative path without `.mustache`), usable as partials by that name.
    let library: MustacheLibrary
    /// Static files (CSS, JS, images…) by path relative to the site's `assets/` folder.
    let assets: [String: Data]

    /// The built-in theme, compiled into the executable: file name → bytes.
    ///
    /// SwiftPM's `embedInCode` (see Package.swift) turns each file of `Theme/` into a byte array of
    /// `PackageResources`, so an installed or copied `docgen` needs no resource bundle beside it.
    /// A file added to `Theme/` must be named here too (a test compares this table with the folder).
    /// `README.md` documents the theme and is not shipped.
    static let builtInFiles: [String: [UInt8]] = [
        "content.css": PackageResources.content_css,
        "custom.css": PackageResources.custom_css,
        "docgen.css": PackageResources.docgen_css,
        "docgen.js": PackageResources.docgen_js,
        "favicon.svg": PackageResources.favicon_svg,
        "footer.mustache": PackageResources.footer_mustache,
        "head.mustache": PackageResources.head_mustache,
        "index.mustache": PackageResources.index_mustache,
        "page.mustache": PackageResources.page_mustache,
        "pagenav.mustache": PackageResources.pagenav_mustache,
        "print.css": PackageResources.print_css,
        "printable.css": PackageResources.printable_css,
        "printable.mustache": PackageResources.printable_mustache,
        "scripts.mustache": PackageResources.scripts_mustache,
        "scroll-regions.js": PackageResources.scroll_regions_js,
        "search.js": PackageResources.search_js,
        "sidebar.mustache": PackageResources.sidebar_mustache,
        "topbar.mustache": PackageResources.topbar_mustache,
    ]

    /// How a built-in file is named in error messages (it has no path on disk).
    static func builtInDisplayPath(_ name: String) -> String { "built-in theme/\(name)" }

    /// Loads the built-in theme, then lays the override folder's files over it.
    static func load(overrides: URL?) throws -> Theme {
        var templates: [String: (text: String, path: String)] = [:]
        var assets: [String: Data] = [:]
        var overridesTemplates = false
        func add(_ relative: String, _ data: Data, path: String) throws {
            if relative.hasSuffix(".mustache") {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw SiteError.unreadableThemeFile(path: path, reason: "not UTF-8 text")
                }
                templates[String(relative.dropLast(".mustache".count))] = (text, path)
            } else {
                assets[relative] = data
            }
        }
        for (name, bytes) in builtInFiles {
            try add(name, Data(bytes), path: builtInDisplayPath(name))
        }
        if let overrides {
            for relative in try files(under: overrides) {
                let url = overrides.appendingPathComponent(relative)
                let data: Data
                do {
                    data = try Data(contentsOf: url)
                } catch {
                    throw SiteError.unreadableThemeFile(path: url.path, reason: error.localizedDescription)
                }
                try add(relative, data, path: url.path)
                if relative.hasSuffix(".mustache") { overridesTemplates = true }
            }
        }
        // The built-in templates alone are known sound (a test checks them); an override can make a loop with them.
        if overridesTemplates, let problem = TemplateStructure.firstProblem(templates.mapValues(\.text)),
           let path = templates[problem.template]?.path {
            throw SiteError.templateStructure(path: path, line: problem.line, column: problem.column, reason: problem.reason)
        }
        var library = MustacheLibrary()
        for name in templates.keys.sorted() {
            guard let entry = templates[name] else { continue }
            do {
                library.register(try MustacheTemplate(string: entry.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw SiteError.templateSyntax(path: entry.path, line: error.context.lineNumber,
                                               column: error.context.columnNumber, reason: "\(error.error)")
            }
        }
        return Theme(library: library, assets: assets)
    }

    /// Regular, non-hidden files below `folder`, as sorted `/`-separated relative paths.
    /// A missing override folder counts as empty.
    private static func files(under folder: URL) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        guard let subpaths = manager.subpaths(atPath: folder.path) else {
            throw SiteError.unreadableThemeFile(path: folder.path, reason: "cannot list folder")
        }
        return subpaths.filter { relative in
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            var isFolder: ObjCBool = false
            let exists = manager.fileExists(atPath: folder.appendingPathComponent(relative).path,
                                            isDirectory: &isFolder)
            return exists && !isFolder.boolValue
        }.sorted()
    }
}
