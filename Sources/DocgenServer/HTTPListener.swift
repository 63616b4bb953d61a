import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 side of `docgen serve`, over SwiftNIO: listens on 127.0.0.1 only and answers with
/// `SiteFiles`.
///
/// What keeps one client from holding up the others:
/// - a fixed number of event-loop threads serve every connection; a connection costs a little memory,
///   never a thread, so idle or slow clients do not queue the rest;
/// - each connection must send a complete request head within `requestDeadline` of opening or of its
///   previous response, else it is closed (idle keep-alive connections and clients that trickle a byte
///   at a time both hit this);
/// - at most `maximumConnections` are open at once; one more is closed as soon as it is accepted;
/// - accept errors such as running out of file descriptors back off for a second instead of spinning.
final class HTTPListener: @unchecked Sendable {
    /// The event-loop threads that serve every connection.
    private let group: MultiThreadedEventLoopGroup
    /// The connections open now.
    private let connections: OpenConnections
    /// The listening socket.
    private let channel: Channel

    /// The port actually bound (useful when asked for port 0).
    let port: Int

    /// Binds 127.0.0.1:`port` and starts answering at once.
    init(port: Int, files: SiteFiles, limits: DevelopmentServer.Limits) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, limits.threads))
        let connections = OpenConnections(limit: limits.maximumConnections)
        let deadline = TimeAmount.nanoseconds(Int64(limits.requestDeadline * 1e9))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler())
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard connections.admit(channel) else { return channel.close() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RequestDeadlineHandler(deadline: deadline))
                    try channel.pipeline.syncOperations.addHandler(SiteHTTPHandler(files: files))
                }
            }
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            if let io = error as? IOError, io.errnoCode == EADDRINUSE { throw ServeError.addressInUse(port: port) }
            throw ServeError.cannotListen(port: port, reason: "\(error)")
        }
        self.group = group
        self.connections = connections
        self.port = channel.localAddress?.port ?? port
    }

    /// Stops listening, closes every open connection and ends the threads. Call it from any thread but
    /// an event loop's own.
    func stop() {
        try? channel.close().wait()
        connections.closeAll()
        try? group.syncShutdownGracefully()
    }
}

/// The open connections, so the server can refuse one over the limit and close them all when it stops.
final class OpenConnections: @unchecked Sendable {
    private let lock = NSLock()
    /// Every admitted connection not yet closed.
    private var open: [ObjectIdentifier: Channel] = [:]
    /// Set by `closeAll()`: from then on nothing is admitted.
    private var closing = false
    /// Connections open at once, at most.
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Registers `channel` unless the limit is reached or the server is stopping.
    func admit(_ channel: Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let admitted: Bool = lock.withLock {
            guard !closing, open.count < limit else { return false }
            open[id] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { [weak self] _ in
                guard let self else { return }
                self.lock.withLock { _ = self.open.removeValue(forKey: id) }
            }
        }
        return admitted
    }

    func closeAll() {
        let channels: [Channel] = lock.withLock {
            closing = true
            return Array(open.values)
        }
        for channel in channels { channel.close(promise: nil) }
    }
}

/// Closes a connection that has not sent a complete request head within `deadline` of opening or of
/// the end of its previous response.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a connection may go without a complete request head.
    private let deadline: TimeAmount
    /// The pending close, while the connection owes a request head.
    private var timer: Scheduled<Void>?

    init(deadline: TimeAmount) { self.deadline = deadline }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

/// Answers each request with `SiteFiles` (a file read is small and quick, so it runs on the event loop).
final class SiteHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// What to answer.
    private let files: SiteFiles
    /// The head of the request being read, until its end arrives.
    private var request: HTTPRequestHead?

    init(files: SiteFiles) { self.files = files }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            request = head
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let response = files.respond(method: head.method.rawValue, target: head.uri)
        let keepAlive = head.isKeepAlive
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.contentLength))
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: response.reason)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                      promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))),
                          promise: nil)
        }
        let sent = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: sent)
        if !keepAlive {
            let channel = context.channel
            sent.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

/// Why `docgen serve` could not start listening.
public enum ServeError: Error, Equatable, CustomStringConvertible {
    /// Another process listens on the port already.
    case addressInUse(port: Int)
    /// Any other failure to listen, with the system's reason.
    case cannotListen(port: Int, reason: String)

    public var description: String {
        switch self {
        case let .addressInUse(port):
            let other = port < 65535 ? port + 1 : port - 1
            return "cannot serve on 127.0.0.1:\(port): address already in use (is another docgen serve running?)\n"
                + "hint: stop the other server, or choose another port, e.g. --port \(other)"
        case let .cannotListen(port, reason):
            return "cannot serve on 127.0.0.1:\(port): \(reason)"
        }
    }
}
