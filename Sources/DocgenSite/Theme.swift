import Foundation
import Mustache

/// The templates and static assets a site is rendered with: the built-in theme in `Theme/`,
/// with any file of the same relative path in the author's override folder taking its place.
struct Theme {
    /// Mustache templates by name (relative path without `.mustache`), usable as partials by that name.
    let library: MustacheLibrary
    /// Static files (CSS, JS, images…) by path relative to the site's `assets/` folder.
    let assets: [String: Data]

    /// The built-in theme folder inside this module's resource bundle.
    ///
    /// The bundle (`docgen_DocgenSite.resources`) sits next to the executable; looking there first, also
    /// beside the executable a symlink points to, keeps an installed `docgen` working. Only when neither
    /// exists is `Bundle.module` asked (it finds the bundle of a development build).
    static func builtInFolder() throws -> URL {
        let bundleName = "docgen_DocgenSite.resources"
        var folders = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for folder in folders {
            let theme = folder.appendingPathComponent(bundleName).appendingPathComponent("Theme")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: theme.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return theme
            }
        }
        guard let url = Bundle.module.url(forResource: "Theme", withExtension: nil) else {
            throw SiteError.builtInThemeMissing(path: Bundle.module.bundlePath + "/Theme")
        }
        return url
    }

    /// Loads the built-in theme, then lays the override folder's files over it.
    /// Built-in `README.md` (documentation of the theme) is not shipped.
    static func load(builtIn: URL, overrides: URL?) throws -> Theme {
        var templates: [String: (text: String, path: String)] = [:]
        var assets: [String: Data] = [:]
        var folders = [(builtIn, true)]
        if let overrides { folders.append((overrides, false)) }
        for (folder, isBuiltIn) in folders {
            for relative in try files(under: folder) {
                if isBuiltIn && relative == "README.md" { continue }
                let url = folder.appendingPathComponent(relative)
                let data: Data
                do {
                    data = try Data(contentsOf: url)
                } catch {
                    throw SiteError.unreadableThemeFile(path: url.path, reason: error.localizedDescription)
                }
                if relative.hasSuffix(".mustache") {
                    guard let text = String(data: data, encoding: .utf8) else {
                        throw SiteError.unreadableThemeFile(path: url.path, reason: "not UTF-8 text")
                    }
                    templates[String(relative.dropLast(".mustache".count))] = (text, url.path)
                } else {
                    assets[relative] = data
                }
            }
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
