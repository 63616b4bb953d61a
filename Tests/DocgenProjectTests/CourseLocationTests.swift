@testable import DocgenProject
import Foundation
import XCTest

/// Every command finds its course from the current folder.
final class CourseLocationTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    private func make(_ relative: String, folder isFolder: Bool = false) throws {
        let path = (folder as NSString).appendingPathComponent(relative)
        if isFolder {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } else {
            try Data("title: T\n".utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func testAFolderWithDocgenYmlIsTheCourseAndItsSiteGoesToSiteInside() throws {
        try make("docgen.yml")
        try make("Content", folder: true)
        XCTAssertEqual(try CourseLocation.find(content: nil, output: nil, currentFolder: folder),
                       CourseLocation(contentPath: ".", outputPath: "_site"), "docgen.yml wins over Content/")
        XCTAssertEqual(try CourseLocation.find(content: nil, output: "public", currentFolder: folder).outputPath, "public")
    }

    func testWithoutDocgenYmlContentAndOutputAreTheDefaults() throws {
        try make("Content", folder: true)
        XCTAssertEqual(try CourseLocation.find(content: nil, output: nil, currentFolder: folder),
                       CourseLocation(contentPath: "Content", outputPath: "Output"))
    }

    func testContentGivenIsUsedAsGivenAndTheCurrentFolderGetsSite() throws {
        XCTAssertEqual(try CourseLocation.find(content: "Book", output: nil, currentFolder: folder),
                       CourseLocation(contentPath: "Book", outputPath: "Output"))
        XCTAssertEqual(try CourseLocation.find(content: ".", output: nil, currentFolder: folder).outputPath, "_site",
                       "a site written into the course folder itself goes to _site, which the build skips")
        XCTAssertEqual(try CourseLocation.find(content: folder + "/", output: nil, currentFolder: folder).outputPath, "_site")
    }

    func testNoCourseSuggestsInit() {
        XCTAssertThrowsError(try CourseLocation.find(content: nil, output: nil, currentFolder: folder)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("no course here"), message)
            XCTAssertTrue(message.contains("docgen init"), message)
            XCTAssertTrue(message.contains("--content"), message)
        }
    }

    func testCleanFindsTheSiteFolderTheSameWay() throws {
        XCTAssertEqual(CourseLocation.siteFolder(output: nil, currentFolder: folder), "Output")
        try make("docgen.yml")
        XCTAssertEqual(CourseLocation.siteFolder(output: nil, currentFolder: folder), "_site")
        XCTAssertEqual(CourseLocation.siteFolder(output: "x", currentFolder: folder), "x")
    }
}
