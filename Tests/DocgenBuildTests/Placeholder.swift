import XCTest
final class DocgenBuildPlaceholderTests: XCTestCase {}
