import ArchivarCore
import CLibXML2
import Foundation

/// Parses XML and HTML with libxml2 in recover mode: what can be recovered is kept,
/// every error is reported with its line. Never loads external entities or DTDs,
/// never touches the network, keeps libxml2's entity-amplification limits.
public enum MarkupParser {
    /// Parses an XML document. Throws only when nothing at all could be recovered.
    /// - Parameter url: the document's URL, the base for relative links.
    public static func xml(_ data: Data, url: String? = nil, encoding: String? = nil) throws -> MarkupDocument {
        refuseExternalEntities
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue)
        let collector = ProblemCollector()
        let document = collector.collecting {
            data.withUnsafeBytes { bytes -> xmlDocPtr? in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                return xmlReadMemory(base, Int32(clamping: bytes.count), url, encoding, options)
            }
        }
        guard let document else {
            throw ArchivarError(location: collector.problems.first?.line.map { "line \($0)" },
                                collector.problems.first?.message ?? "empty document: no XML found")
        }
        return MarkupDocument(handle: document, problems: collector.problems)
    }

    /// Installs, once per process, an entity loader that loads nothing: external
    /// entities and DTDs are never read, from disk or network.
    private static let refuseExternalEntities: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Parses an HTML fragment (a feed description, a partner's content) into a document
    /// whose `body` holds the fragment. HTML errors are expected and not reported.
    public static func htmlFragment(_ html: String) -> MarkupDocument? {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        refuseExternalEntities
        let collector = ProblemCollector()
        let document = collector.collecting {
            wrapped.withCString { htmlReadMemory($0, Int32(clamping: strlen($0)), nil, "UTF-8", options) }
        }
        return document.map { MarkupDocument(handle: $0, problems: []) }
    }
}

extension MarkupDocument {
    /// The `<body>` element of an HTML document.
    public var body: MarkupNode? {
        root?.first("body") ?? root
    }
}

/// Collects libxml2's structured errors for one parse on the current thread.
private final class ProblemCollector {
    var problems: [Problem] = []

    func collecting<T>(_ parse: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
            let trimmed = TextFolding.clean(message)
            if collector.problems.count < 100 {
                collector.problems.append(Problem(line: Int(error.pointee.line), trimmed))
            }
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { parse() }
    }
}
