import XCTest
@testable import DocgenBuild

/// The parent of a path, taken without `NSString.deletingLastPathComponent` (which traps on "s", "c/", "." on
/// this toolchain), and the folders the build derives from a one-character output name.
final class PathTextTests: XCTestCase {
    func testTheParentDropsTheLastComponentAndTrailingSlashes() {
        let cases: [(String, String)] = [
            ("a/b", "a"), ("a/b/", "a"), ("a//b//", "a"), ("/a/b/c.png", "/a/b"), ("./s", "."), ("../s", ".."),
            ("/a", "/"), ("/", "/"), ("//", "/"),
            // One component, relative: no parent left. The one-character ones are those Foundation traps on.
            ("s", ""), ("s/", ""), ("x//", ""), (".", ""), ("./", ""), ("..", ""), ("ab", ""), ("", ""),
        ]
        for (path, parent) in cases {
            XCTAssertEqual(PathText.parent(path), parent, "parent of '\(path)'")
        }
    }

    func testAOneCharacterOutputGetsItsCacheAndStagingBesideIt() {
        XCTAssertEqual(BuildOptions.cachePath(explicit: nil, outputPath: "s"), "./.docgen-cache/s")
        XCTAssertEqual(BuildOptions.cachePath(explicit: nil, outputPath: "s/"), "./.docgen-cache/s")
        XCTAssertEqual(BuildOptions.cachePath(explicit: nil, outputPath: "c/s"), "c/.docgen-cache/s")
        XCTAssertEqual(SitePublisher.stagingContainer(outputPath: "s"), ".s.staging")
        XCTAssertEqual(SitePublisher.stagingContainer(outputPath: "/w/s"), "/w/.s.staging")
        let options = BuildOptions(contentPath: "c", outputPath: "c/s")
        XCTAssertEqual(Set(options.ignoredContentFolders), [".git", "s", ".docgen-cache", ".s.staging"])
    }
}
