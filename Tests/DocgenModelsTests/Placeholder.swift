import XCTest
final class DocgenModelsPlaceholderTests: XCTestCase {}
