import XCTest
@testable import DocgenSite

/// The partial tags of a template as the Mustache parser reads them, and the loops among templates.
final class ThemePartialsTests: XCTestCase {
    func testPartialAndParentTagsAreFoundWithTheirPlaceFollowingDelimiterChanges() {
        let text = "<b>{{name}}</b> {{{raw}}} {{! not {{> hidden}} }}\n  {{> head }}{{<layout}}{{/layout}}\n"
            + "{{=<% %>=}}<% > sidebar %> {{> literal}}\n<%={{ }}=%>{{>*chosen}}"
        XCTAssertEqual(ThemePartials.inclusions(in: text), [
            .init(name: "head", dynamic: false, line: 2, column: 3),
            .init(name: "layout", dynamic: false, line: 2, column: 14),
            .init(name: "sidebar", dynamic: false, line: 3, column: 12),
            .init(name: "chosen", dynamic: true, line: 4, column: 12),
        ])
        XCTAssertEqual(ThemePartials.inclusions(in: "{{> unclosed"), [])
    }

    func testOnlyALoopOrADynamicPartialIsAProblem() {
        // The built-in shape: pages include shared partials, which include nothing.
        let tree = ["page": "{{> head}}{{> footer}}", "index": "{{> head}}{{> footer}}", "head": "<head>",
                    "footer": "{{> unknown}}"]
        XCTAssertNil(ThemePartials.firstProblem(tree))
        XCTAssertEqual(ThemePartials.firstProblem(["footer": "x\n {{> footer}}"]),
                       .init(template: "footer", line: 2, column: 2,
                             reason: "the partial '{{> footer}}' makes a loop (footer → footer); a template may not "
                                 + "include itself, directly or through others"))
        let three = ["a": "{{> b}}", "b": "{{> c}}", "c": "{{<a}}{{/a}}", "page": "{{> a}}"]
        XCTAssertEqual(ThemePartials.firstProblem(three)?.reason,
                       "the partial '{{> a}}' makes a loop (a → b → c → a); a template may not include itself, "
                           + "directly or through others")
        XCTAssertEqual(ThemePartials.firstProblem(["page": "{{>*title}}"])?.template, "page")
        XCTAssertNil(ThemePartials.firstProblem(Dictionary(uniqueKeysWithValues: Theme.builtInFiles.compactMap { name, bytes in
            name.hasSuffix(".mustache") ? (String(name.dropLast(9)), String(decoding: bytes, as: UTF8.self)) : nil
        })), "the built-in theme has no loop")
    }
}
