import Hummingbird

/// The router a service registers its routes on: Hummingbird's `Router` (every `get`/`post`/`group` works), plus
/// what it lacks for a JSON API — a path that exists answers a wrong method with 405 and an `Allow` header
/// instead of 404.
///
/// Routes are recorded as they are added (also through groups); when the application is built, each recorded
/// path gets a 405 responder for the methods it does not have. `HEAD` is served for every `GET`.
public final class ServiceRouter: RouterMethods {
    public typealias Context = ServiceRequestContext

    /// The underlying Hummingbird router.
    public let router: Router<ServiceRequestContext>
    private var methodsByPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
    private var pathOrder: [String] = []

    /// The methods a path may be asked for; each one a path lacks answers 405.
    static let knownMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    public init() {
        router = Router(context: ServiceRequestContext.self, options: .autoGenerateHeadEndpoints)
    }

    @discardableResult
    public func on<Responder: HTTPResponder>(
        _ path: RouterPath,
        method: HTTPRequest.Method,
        responder: Responder
    ) -> Self where Responder.Context == ServiceRequestContext {
        router.on(path, method: method, responder: responder)
        let key = path.description
        if methodsByPath[key] == nil {
            methodsByPath[key] = (path, [])
            pathOrder.append(key)
        }
        methodsByPath[key]?.methods.append(method)
        return self
    }

    /// Adds middleware for the routes added after this call (Hummingbird's rule).
    @discardableResult
    public func add(middleware: any MiddlewareProtocol<Request, Response, ServiceRequestContext>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Registers the 405 responders; call once, after every route was added.
    func addMethodNotAllowedResponders() {
        for key in pathOrder {
            guard let (path, methods) = methodsByPath[key] else { continue }
            var allowed = methods
            if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
            allowed.sort { Self.order($0) < Self.order($1) }
            let allowedMethods = allowed
            for method in Self.knownMethods where !allowed.contains(method) {
                router.on(path, method: method, responder: CallbackResponder { request, _ in
                    throw ProblemDetails.methodNotAllowed(request.method, allowed: allowedMethods)
                })
            }
        }
    }

    private static func order(_ method: HTTPRequest.Method) -> Int {
        knownMethods.firstIndex(of: method) ?? knownMethods.count
    }
}
