import ArchivarCore
import CLibXML2
import Foundation

/// A parsed XML or HTML document over libxml2, and the problems its parser reported.
/// Nodes keep its tree alive.
public final class MarkupDocument: Sendable {
    let tree: MarkupTree
    /// Problems the parser reported (recovered or fatal), with line numbers.
    public let problems: [Problem]

    init(tree: MarkupTree, problems: [Problem]) {
        self.tree = tree
        self.problems = problems
    }

    convenience init(handle: xmlDocPtr, problems: [Problem], freesInBackground: Bool = false) {
        self.init(tree: MarkupTree(handle: handle, freesInBackground: freesInBackground), problems: problems)
    }

    var handle: xmlDocPtr { tree.handle }

    /// The root element, if the parser found any.
    public var root: MarkupNode? {
        xmlDocGetRootElement(handle).map { MarkupNode(pointer: $0, tree: tree) }
    }

    /// Whether `node` is one of this document's nodes.
    public func contains(_ node: MarkupNode) -> Bool { node.tree === tree }
}

/// A libxml2 document tree, freed when the last document or node holding it is gone.
///
/// A streaming parse (`MarkupParser.xml(_:url:encoding:handingOver:elementEnded:)`) hands out elements
/// while it goes on. An element it has finished never changes again, so other threads may
/// read it meanwhile — inside `MarkupNode.reading`, which keeps the parser from changing the
/// document's entity table (which reading entity references consults) at the same time.
final class MarkupTree: @unchecked Sendable {
    // @unchecked: the tree is never changed after its parse, libxml2 reads of an immutable
    // tree are safe from any thread, and during a streaming parse `entities` guards the one
    // shared structure that reads and the parser both use.
    let handle: xmlDocPtr
    /// Set while a streaming parse builds the tree.
    let entities: EntityTableLock?
    /// Freed on a utility queue rather than by whoever lets go of it last: freeing a big
    /// feed's tree takes a while, which the next work need not wait for.
    let freesInBackground: Bool

    init(handle: xmlDocPtr, entities: EntityTableLock? = nil, freesInBackground: Bool = false) {
        self.handle = handle
        self.entities = entities
        self.freesInBackground = freesInBackground
    }

    deinit {
        guard freesInBackground else {
            xmlFreeDoc(handle)
            return
        }
        let tree = Unreferenced(handle: handle)
        DispatchQueue.global(qos: .utility).async { xmlFreeDoc(tree.handle) }
    }

    /// A tree nothing refers to any more, handed to the queue that frees it.
    private struct Unreferenced: @unchecked Sendable {
        // @unchecked: only the freeing block touches the tree.
        let handle: xmlDocPtr
    }
}

/// A readers–writer lock around a document's entity table during a streaming parse:
/// threads reading finished elements share it, the parser takes it alone to declare an entity.
final class EntityTableLock: @unchecked Sendable {
    // @unchecked: a pthread read-write lock, which is made for sharing between threads.
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() { pthread_rwlock_init(lock, nil) }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func reading<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func writing<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}

/// An element, text or CDATA node of a `MarkupDocument`.
public struct MarkupNode: @unchecked Sendable {
    // @unchecked: see MarkupTree; `tree` keeps `pointer` valid.
    let pointer: xmlNodePtr
    let tree: MarkupTree

    /// Runs `body`, which reads this node (and what is below it), safely while a streaming
    /// parse may still be building its document (see `MarkupTree`); outside such a parse it
    /// just runs `body`.
    public func reading<T>(_ body: () throws -> T) rethrows -> T {
        guard let entities = tree.entities else { return try body() }
        return try entities.reading(body)
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    public var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The local name (`item`, `entry`); lowercase for HTML.
    public var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace URI, or nil.
    public var namespace: String? { pointer.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The root element of the node's document.
    public var documentElement: MarkupNode? {
        xmlDocGetRootElement(tree.handle).map { MarkupNode(pointer: $0, tree: tree) }
    }

    /// The element this node is a child of; nil for the root element.
    public var parent: MarkupNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(pointer: parent, tree: tree)
    }

    /// Whether `line` stays what it is now while a streaming parse goes on. libxml2 keeps
    /// lines from 65,535 on in text nodes and finds such an element's line through its
    /// children, or, for an element without children, through the nodes after it.
    public var lineIsFinal: Bool { pointer.pointee.children != nil || pointer.pointee.line != 65535 }

    /// The line the node starts on.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// Child nodes of every type handled here (elements, text, CDATA).
    public var children: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let current = child {
            let type = current.pointee.type
            if type == XML_ELEMENT_NODE || type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                result.append(MarkupNode(pointer: current, tree: tree))
            }
            child = current.pointee.next
        }
        return result
    }

    /// Child elements only.
    public var elements: [MarkupNode] {
        var result: [MarkupNode] = []
        forEachChildElement { result.append(MarkupNode(pointer: $0, tree: tree)) }
        return result
    }

    /// The first child element called `name`, optionally in namespace `namespace`.
    public func first(_ name: String, namespace: String? = nil) -> MarkupNode? {
        first(MarkupName(name, namespace: namespace, anyNamespace: true))
    }

    /// The first child element of name `name`.
    public func first(_ name: MarkupName) -> MarkupNode? {
        var child = pointer.pointee.children
        while let current = child {
            if name.matches(current) { return MarkupNode(pointer: current, tree: tree) }
            child = current.pointee.next
        }
        return nil
    }

    /// Every child element called `name`, optionally in namespace `namespace`.
    public func all(_ name: String, namespace: String? = nil) -> [MarkupNode] {
        all(MarkupName(name, namespace: namespace, anyNamespace: true))
    }

    /// Every child element of name `name`.
    public func all(_ name: MarkupName) -> [MarkupNode] {
        var result: [MarkupNode] = []
        forEachChildElement { if name.matches($0) { result.append(MarkupNode(pointer: $0, tree: tree)) } }
        return result
    }

    /// Every element called `name` in `namespace` (nil: none) below this node, in
    /// document order, however deep.
    public func descendants(_ name: String, namespace: String?) -> [MarkupNode] {
        descendants(MarkupName(name, namespace: namespace))
    }

    /// Every element called `name` below this node, in document order, however deep.
    public func descendants(_ name: MarkupName) -> [MarkupNode] {
        var result: [MarkupNode] = []
        func visit(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    if name.matches(current) { result.append(MarkupNode(pointer: current, tree: tree)) }
                    visit(current)
                }
                child = current.pointee.next
            }
        }
        visit(pointer)
        return result
    }

    /// Whether an element called `name` lies below this node, however deep.
    public func hasDescendant(_ name: MarkupName) -> Bool {
        func search(_ node: xmlNodePtr) -> Bool {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, name.matches(current) || search(current) { return true }
                child = current.pointee.next
            }
            return false
        }
        return search(pointer)
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
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of `text`: in place for one text child (the usual
    /// `<title>…</title>`), without the copy xmlNodeGetContent makes.
    public func withText<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        if let only = pointer.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            guard let content = only.pointee.content else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeBufferPointer(start: content, count: strlen(content)))
        }
        guard let content = xmlNodeGetContent(pointer) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { archivar_xml_free(content) }
        return try body(UnsafeBufferPointer(start: content, count: strlen(content)))
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

    /// The base URI in effect for this node (`xml:base` and the document URL).
    public var baseURI: String? {
        guard let base = xmlNodeGetBase(tree.handle, pointer) else { return nil }
        defer { archivar_xml_free(base) }
        return String(cString: base)
    }

    /// The children serialized as XML (for Atom `type="xhtml"` content).
    public var innerXML: String {
        let buffer = xmlBufferCreate()
        defer { xmlBufferFree(buffer) }
        var child = pointer.pointee.children
        while let current = child {
            xmlNodeDump(buffer, tree.handle, current, 0, 0)
            child = current.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

extension MarkupNode: Hashable {
    /// Nodes are equal when they are the same node of the same tree.
    public static func == (one: MarkupNode, other: MarkupNode) -> Bool { one.pointer == other.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

/// An element name (and namespace) compared with libxml2's names byte by byte, without
/// making a Swift string of every name it is compared with.
public struct MarkupName: Sendable {
    let name: [UInt8]
    let namespace: [UInt8]?
    /// A nil `namespace` matches any namespace (as in `first`) or only no namespace.
    let anyNamespace: Bool

    /// An element called `name` in `namespace`; nil: in no namespace.
    public init(_ name: String, namespace: String?) {
        self.init(name, namespace: namespace, anyNamespace: false)
    }

    /// An element called `name` in any namespace or none (what `first("title")` looks for).
    public static func inAnyNamespace(_ name: String) -> MarkupName {
        MarkupName(name, namespace: nil, anyNamespace: true)
    }

    init(_ name: String, namespace: String?, anyNamespace: Bool) {
        self.name = Array(name.utf8) + [0]
        self.namespace = namespace.map { Array($0.utf8) + [0] }
        self.anyNamespace = anyNamespace && namespace == nil
    }

    /// Whether `node` is an element of this name.
    public func matches(_ node: MarkupNode) -> Bool { matches(node.pointer) }

    func matches(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let nodeName = node.pointee.name,
              xmlStrEqual(nodeName, name) != 0 else { return false }
        if anyNamespace { return true }
        let href = node.pointee.ns?.pointee.href
        guard let namespace else { return href == nil }
        return href.map { xmlStrEqual($0, namespace) != 0 } ?? false
    }
}
