import XCTest
@testable import DocgenSite

/// The partial tags of a template as the Mustache parser reads them, and the loops among templates.
final class TemplateStructureTests: XCTestCase {
    func testPartialAndParentTagsAreFoundWithTheirPlaceFollowingDelimiterChanges() {
        let text = "<b>{{name}}</b> {{{raw}}} {{! not {{> hidden}} }}\n  {{> head }}{{<layout}}{{/layout}}\n"
            + "{{=<% %>=}}<% > sidebar %> {{> literal}}\n<%={{ }}=%>{{>*chosen}}"
        XCTAssertEqual(TemplateStructure.tags(in: text).inclusions, [
            .init(name: "head", dynamic: false, line: 2, column: 3),
            .init(name: "layout", dynamic: false, line: 2, column: 14),
            .init(name: "sidebar", dynamic: false, line: 3, column: 12),
            .init(name: "chosen", dynamic: true, line: 4, column: 12),
        ])
        XCTAssertEqual(TemplateStructure.tags(in: "{{> unclosed").inclusions, [])
    }

    func testOnlyALoopOrADynamicPartialIsAProblem() {
        // The built-in shape: pages include shared partials, which include nothing.
        let tree = ["page": "{{> head}}{{> footer}}", "index": "{{> head}}{{> footer}}", "head": "<head>",
                    "footer": "{{> unknown}}"]
        XCTAssertNil(TemplateStructure.firstProblem(tree))
        XCTAssertEqual(TemplateStructure.firstProblem(["footer": "x\n {{> footer}}"]),
                       .init(template: "footer", line: 2, column: 2,
                             reason: "the partial '{{> footer}}' makes a loop (footer → footer); a template may not "
                                 + "include itself, directly or through others"))
        let three = ["a": "{{> b}}", "b": "{{> c}}", "c": "{{<a}}{{/a}}", "page": "{{> a}}"]
        XCTAssertEqual(TemplateStructure.firstProblem(three)?.reason,
                       "the partial '{{> a}}' makes a loop (a → b → c → a); a template may not include itself, "
                           + "directly or through others")
        XCTAssertEqual(TemplateStructure.firstProblem(["page": "{{>*title}}"])?.template, "page")
        XCTAssertNil(TemplateStructure.firstProblem(Dictionary(uniqueKeysWithValues: Theme.builtInFiles.compactMap { name, bytes in
            name.hasSuffix(".mustache") ? (String(name.dropLast(9)), String(decoding: bytes, as: UTF8.self)) : nil
        })), "the built-in theme has no loop")
    }

    func testSectionsNestedPastTheLimitAreFoundAtTheFirstTagPastIt() {
        let limit = TemplateStructure.maximumSectionDepth
        let deep = "{{#a}}" + String(repeating: "{{^b}}", count: limit) + "x" + String(repeating: "{{/b}}", count: limit)
            + "{{/a}}"
        XCTAssertEqual(TemplateStructure.tags(in: deep).tooDeep?.column, 6 * limit + 1)
        let problem = TemplateStructure.firstProblem(["page": "\n" + deep])
        XCTAssertEqual(problem, .init(template: "page", line: 2, column: 6 * limit + 1,
                                      reason: "sections nest more than \(limit) deep here; a template may nest them "
                                          + "\(limit) deep at most"))
        // Sections side by side are not nested, however many.
        let wide = String(repeating: "{{#a}}x{{/a}}", count: 10 * limit)
        XCTAssertNil(TemplateStructure.firstProblem(["page": wide]))
        let atTheLimit = String(repeating: "{{^b}}", count: limit) + "x" + String(repeating: "{{/b}}", count: limit)
        XCTAssertNil(TemplateStructure.firstProblem(["page": atTheLimit]), "exactly the limit")
    }
}
