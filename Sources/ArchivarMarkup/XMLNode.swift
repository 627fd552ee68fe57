import ArchivarCore
import CLibXML2
import Foundation

/// A parsed XML or HTML document over libxml2. Nodes keep the document alive.
public final class MarkupDocument: @unchecked Sendable {
    // @unchecked: the tree is never changed after parsing, and libxml2 reads of an
    // immutable tree are safe from any thread.
    let handle: xmlDocPtr
    /// Problems the parser reported (recovered or fatal), with line numbers.
    public let problems: [Problem]

    init(handle: xmlDocPtr, problems: [Problem]) {
        self.handle = handle
        self.problems = problems
    }

    deinit { xmlFreeDoc(handle) }

    /// The root element, if the parser found any.
    public var root: MarkupNode? {
        xmlDocGetRootElement(handle).map { MarkupNode(pointer: $0, document: self) }
    }
}

/// An element, text or CDATA node of a `MarkupDocument`.
public struct MarkupNode: @unchecked Sendable {
    // @unchecked: see MarkupDocument; `document` keeps `pointer` valid.
    let pointer: xmlNodePtr
    let document: MarkupDocument

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    public var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The local name (`item`, `entry`); lowercase for HTML.
    public var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace URI, or nil.
    public var namespace: String? { pointer.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The line the node starts on.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// Child nodes of every type handled here (elements, text, CDATA).
    public var children: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let current = child {
            let type = current.pointee.type
            if type == XML_ELEMENT_NODE || type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                result.append(MarkupNode(pointer: current, document: document))
            }
            child = current.pointee.next
        }
        return result
    }

    /// Child elements only.
    public var elements: [MarkupNode] {
        var result: [MarkupNode] = []
        forEachChildElement { result.append(MarkupNode(pointer: $0, document: document)) }
        return result
    }

    /// The first child element called `name`, optionally in namespace `namespace`.
    public func first(_ name: String, namespace: String? = nil) -> MarkupNode? {
        let name = ElementName(name, namespace: namespace)
        var child = pointer.pointee.children
        while let current = child {
            if name.matches(current) { return MarkupNode(pointer: current, document: document) }
            child = current.pointee.next
        }
        return nil
    }

    /// Every child element called `name`, optionally in namespace `namespace`.
    public func all(_ name: String, namespace: String? = nil) -> [MarkupNode] {
        let name = ElementName(name, namespace: namespace)
        var result: [MarkupNode] = []
        forEachChildElement { if name.matches($0) { result.append(MarkupNode(pointer: $0, document: document)) } }
        return result
    }

    /// Every element called `name` in `namespace` (nil: none) below this node, in
    /// document order, however deep.
    public func descendants(_ name: String, namespace: String?) -> [MarkupNode] {
        let name = ElementName(name, namespace: namespace, anyNamespace: false)
        var result: [MarkupNode] = []
        func visit(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    if name.matches(current) { result.append(MarkupNode(pointer: current, document: document)) }
                    visit(current)
                }
                child = current.pointee.next
            }
        }
        visit(pointer)
        return result
    }

    private func forEachChildElement(_ body: (xmlNodePtr) -> Void) {
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { body(current) }
            child = current.pointee.next
        }
    }

    /// The text of the node and all its descendants.
    public var text: String {
        // One text child (the usual `<title>…</title>`): its content, without the copy
        // xmlNodeGetContent makes.
        if let only = pointer.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            return only.pointee.content.map { String(cString: $0) } ?? ""
        }
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { archivar_xml_free(content) }
        return String(cString: content)
    }

    /// The value of attribute `name` (in `namespace` when given).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value = namespace.map { xmlGetNsProp(pointer, name, $0) } ?? xmlGetNoNsProp(pointer, name)
        guard let value else {
            if namespace == nil, let any = xmlGetProp(pointer, name) {
                defer { archivar_xml_free(any) }
                return String(cString: any)
            }
            return nil
        }
        defer { archivar_xml_free(value) }
        return String(cString: value)
    }

    /// Every attribute as (name, value) in document order.
    public var attributes: [(name: String, value: String)] { Self.attributes(of: pointer) }

    /// The attributes of `node` as (name, value) in document order.
    static func attributes(of node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            // One text child (the usual case): its content, without xmlNodeGetContent's copy.
            if let only = current.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
                if let value = only.pointee.content { result.append((name, String(cString: value))) }
            } else if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                result.append((name, String(cString: value)))
                archivar_xml_free(value)
            }
            attribute = current.pointee.next
        }
        return result
    }

    /// The name of element `node` in lowercase (HTML's parser gives lowercase names already).
    static func lowercaseName(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        let text = String(cString: name)
        return text.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }) ? text.lowercased() : text
    }

    /// The base URI in effect for this node (`xml:base` and the document URL).
    public var baseURI: String? {
        guard let base = xmlNodeGetBase(document.handle, pointer) else { return nil }
        defer { archivar_xml_free(base) }
        return String(cString: base)
    }

    /// The children serialized as XML (for Atom `type="xhtml"` content).
    public var innerXML: String {
        let buffer = xmlBufferCreate()
        defer { xmlBufferFree(buffer) }
        var child = pointer.pointee.children
        while let current = child {
            xmlNodeDump(buffer, document.handle, current, 0, 0)
            child = current.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

/// An element name (and namespace) compared with libxml2's names byte by byte, without
/// making a Swift string of every name it is compared with.
private struct ElementName {
    let name: [UInt8]
    let namespace: [UInt8]?
    /// A nil `namespace` matches any namespace (as in `first`) or only no namespace.
    let anyNamespace: Bool

    init(_ name: String, namespace: String?, anyNamespace: Bool = true) {
        self.name = Array(name.utf8) + [0]
        self.namespace = namespace.map { Array($0.utf8) + [0] }
        self.anyNamespace = anyNamespace && namespace == nil
    }

    func matches(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let nodeName = node.pointee.name,
              xmlStrEqual(nodeName, name) != 0 else { return false }
        if anyNamespace { return true }
        let href = node.pointee.ns?.pointee.href
        guard let namespace else { return href == nil }
        return href.map { xmlStrEqual($0, namespace) != 0 } ?? false
    }
}
