import CLibXML2
import Foundation

/// A compiled XPath 1.0 expression, evaluated by libxml2 against any node of a
/// `MarkupDocument`. Compiling once checks the expression before any page is read.
/// Spec: XML Path Language (XPath) Version 1.0, W3C Recommendation 1999.
public final class XPath {
    /// The expression as written.
    public let expression: String
    let compiled: xmlXPathCompExprPtr

    /// Compiles `expression`; throws `XPathError` with libxml2's reason when it is not valid XPath.
    public init(_ expression: String) throws {
        self.expression = expression
        let context = try XPathContext(document: nil, expression: expression)
        let errors = ProblemCollector()
        guard let compiled = errors.collecting({ xmlXPathCtxtCompile(context.pointer, expression) }) else {
            throw XPathError(expression: expression, errors, fallback: "not a valid XPath expression")
        }
        self.compiled = compiled
    }

    deinit { xmlXPathFreeCompExpr(compiled) }
}

/// An XPath expression that could not be compiled or evaluated.
public struct XPathError: Error, CustomStringConvertible, Sendable {
    /// The expression as written.
    public let expression: String
    /// libxml2's reason, e.g. "Invalid predicate".
    public let reason: String

    public var description: String { "\"\(expression)\": \(reason)" }

    /// The first error libxml2 reported while compiling or evaluating `expression`.
    init(expression: String, _ errors: ProblemCollector, fallback: String) {
        self.expression = expression
        reason = errors.problems.first.map(\.message) ?? fallback
    }

    init(expression: String, reason: String) {
        self.expression = expression
        self.reason = reason
    }
}

/// What an expression gives for one context node: the nodes of a node-set (elements,
/// attributes and text in document order), or the string value of a number, boolean
/// or string result.
public enum XPathValue {
    /// A node-set; attribute nodes give their value as `text`.
    case nodes([MarkupNode])
    /// The string value of a number, boolean or string result (`count(//li)` gives "3").
    case text(String)
}

extension MarkupNode {
    /// Evaluates `xpath` with this node as the context node (so `.//h2` searches below it).
    public func evaluate(_ xpath: XPath) throws -> XPathValue {
        let context = try XPathContext(document: tree.handle, expression: xpath.expression)
        context.pointer.pointee.node = pointer
        let errors = ProblemCollector()
        guard let result = errors.collecting({ xmlXPathCompiledEval(xpath.compiled, context.pointer) }) else {
            throw XPathError(expression: xpath.expression, errors, fallback: "could not be evaluated")
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            guard let text = xmlXPathCastToString(result) else { return .text("") }
            defer { archivar_xml_free(text) }
            return .text(String(cString: text))
        }
        guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return .nodes([]) }
        let kept: Set<xmlElementType> = [XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE]
        let nodes = (0..<Int(set.pointee.nodeNr)).compactMap { index -> MarkupNode? in
            guard let node = table[index], kept.contains(node.pointee.type) else { return nil }
            return MarkupNode(pointer: node, tree: tree)
        }
        return .nodes(nodes)
    }

    /// The nodes `xpath` selects below this node; throws when the expression gives a
    /// number, boolean or string instead of nodes.
    public func select(_ xpath: XPath) throws -> [MarkupNode] {
        switch try evaluate(xpath) {
        case .nodes(let nodes): return nodes
        case .text: throw XPathError(expression: xpath.expression, reason: "gives a value, not nodes")
        }
    }
}

/// An XPath evaluation context, freed with its owner.
private final class XPathContext {
    let pointer: xmlXPathContextPtr

    init(document: xmlDocPtr?, expression: String) throws {
        guard let pointer = xmlXPathNewContext(document) else {
            throw XPathError(expression: expression, reason: "libxml2 could not create an XPath context")
        }
        self.pointer = pointer
    }

    deinit { xmlXPathFreeContext(pointer) }
}
