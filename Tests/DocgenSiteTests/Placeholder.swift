import XCTest
final class DocgenSitePlaceholderTests: XCTestCase {}
