import Foundation

/// Where a command's course and site are, when the command line does not say.
///
/// - `--content` given: that folder. The site goes to `--output`, else to `_site` inside it when it is
///   the current folder, else to `Output`.
/// - otherwise, a `docgen.yml` in the current folder makes the current folder the course (the layout
///   `docgen init` writes), with the site in `_site/` inside it; the build and the development server
///   never read `_site/` or `.docgen-cache/` as content.
/// - otherwise a `Content/` folder is the course and `Output/` the site (the layout of docgen's own
///   repository).
/// - otherwise there is no course here, and the error suggests `docgen init`.
public struct CourseLocation: Equatable, Sendable {
    /// The content folder, relative to the current folder as the user would write it (`.` for the
    /// current folder itself).
    public var contentPath: String
    /// The site folder, likewise.
    public var outputPath: String

    public init(contentPath: String, outputPath: String) {
        self.contentPath = contentPath
        self.outputPath = outputPath
    }

    /// The course configuration file whose presence makes a folder a course.
    public static let configurationFile = "docgen.yml"
    /// The content folder of the older layout, used when the current folder has no `docgen.yml`.
    public static let contentFolder = "Content"
    /// The site folder of the older layout, beside `Content/`.
    public static let outputFolder = "Output"
    /// The site folder inside a course folder: a name no chapter or data file would have, and which
    /// static-site tools commonly ignore.
    public static let siteFolderInCourse = "_site"

    /// Finds the course for a command run in `currentFolder`, given the `--content` and `--output`
    /// values (nil when absent).
    public static func find(content: String?, output: String?,
                            currentFolder: String = FileManager.default.currentDirectoryPath) throws -> CourseLocation {
        let fm = FileManager.default
        func isFolder(_ relative: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: resolve(relative, in: currentFolder), isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let content {
            let sameFolder = standardized(resolve(content, in: currentFolder)) == standardized(currentFolder)
            return CourseLocation(contentPath: content, outputPath: output ?? (sameFolder ? siteFolderInCourse : outputFolder))
        }
        if fm.fileExists(atPath: resolve(configurationFile, in: currentFolder)) {
            return CourseLocation(contentPath: ".", outputPath: output ?? siteFolderInCourse)
        }
        if isFolder(contentFolder) {
            return CourseLocation(contentPath: contentFolder, outputPath: output ?? outputFolder)
        }
        throw NoCourseFound(folder: currentFolder)
    }

    /// The site folder `docgen clean` removes when `--output` is not given: `_site` in a course folder,
    /// else `Output`. Never an error: with no course there is simply less to clean.
    public static func siteFolder(output: String?, currentFolder: String = FileManager.default.currentDirectoryPath) -> String {
        if let output { return output }
        let configuration = resolve(configurationFile, in: currentFolder)
        return FileManager.default.fileExists(atPath: configuration) ? siteFolderInCourse : outputFolder
    }

    static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// No `--content`, no `docgen.yml` in the current folder and no `Content/` folder either.
public struct NoCourseFound: Error, Equatable, CustomStringConvertible {
    /// The folder that was searched.
    public var folder: String

    public var description: String {
        "no course here: \(folder) has no \(CourseLocation.configurationFile) and no \(CourseLocation.contentFolder)/ folder\n"
            + "hint: run `docgen init` to create a small course in this folder, or pass --content FOLDER"
    }
}
