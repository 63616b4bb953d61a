// The YAML layer: directive bodies and docgen.yml become located option values, or one located error.
@testable import DocgenBuild
import FuzzSupport

FuzzDriver.run("yaml") { input in
    _ = LocatedYAML.parse(FuzzDriver.text(input), file: "fuzz.md", firstLine: 3)
}
