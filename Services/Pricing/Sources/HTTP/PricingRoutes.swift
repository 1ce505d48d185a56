import Contracts
import Foundation
import Hummingbird
import Logging
import Persistence
import ServiceKit

/// The pricing HTTP API (`Services/Pricing/openapi.yaml`): imports from the ERP and quotes for channels.
///
/// Imports commit one transaction each (all rows or none), then install the new snapshot in this instance
/// before answering, so a quote that follows an import's response sees it (should that load fail, the import
/// stays committed and the refresher loads it on its next round).
public struct PricingRoutes: Sendable {
    public let store: PriceStore
    public let book: PriceBook
    public let refresher: PriceSnapshotRefresher
    public let pool: PostgresPool
    public let logger: Logger

    public init(store: PriceStore, book: PriceBook, refresher: PriceSnapshotRefresher, pool: PostgresPool, logger: Logger) {
        self.store = store
        self.book = book
        self.refresher = refresher
        self.pool = pool
        self.logger = logger
    }

    public func register(on router: ServiceRouter) {
        router.post("/v1/quotes") { request, context in
            try await quote(request: request, context: context)
        }
        router.put("/v1/price-lists/:id") { request, context in
            try await putPriceList(request: request, context: context)
        }
        router.get("/v1/price-lists/:id") { _, context in
            try await getPriceList(context: context)
        }
        router.put("/v1/agreements/:id") { request, context in
            let id = try context.parameters.require("id")
            let document = try await request.decodeJSON(as: AgreementDocument.self, context: context)
            let agreement = try Self.accept { () throws(ImportRejected) in try document.validated(id: id) }
            return try await commitImport { transaction in try await store.importAgreement(agreement, document: document, in: transaction) }
        }
        router.put("/v1/promotions/:id") { request, context in
            let id = try context.parameters.require("id")
            let document = try await request.decodeJSON(as: PromotionDocument.self, context: context)
            let promotion = try Self.accept { () throws(ImportRejected) in try document.validated(id: id) }
            return try await commitImport { transaction in try await store.importPromotion(promotion, document: document, in: transaction) }
        }
        router.put("/v1/customer-groups/:id") { request, context in
            let id = try context.parameters.require("id")
            let document = try await request.decodeJSON(as: CustomerGroupDocument.self, context: context)
            let members = try Self.accept { () throws(ImportRejected) in try document.validated(id: id) }
            return try await commitImport { transaction in try await store.importCustomerGroup(id: id, members: members, in: transaction) }
        }
        router.get("/v1/price-versions/current") { _, _ in
            try currentVersion()
        }
    }

    // MARK: Quotes

    func quote(request: Request, context: ServiceRequestContext) async throws -> QuoteResponse {
        let bytes = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
        let body = try bytes.withUnsafeReadableBytes { raw in
            try QuoteRequestParser.parse(raw) ?? StableJSONRequestDecoder.decode(QuoteRequest.self, from: Data(raw))
        }
        guard let (snapshot, freshness) = book.read() else {
            throw ProblemDetails.serviceUnavailable("Prices are not loaded yet (the database has not been reachable since start-up).", retryAfter: .seconds(2))
        }
        var fieldErrors: [ProblemDetails.FieldError] = []
        if body.customer.isEmpty { fieldErrors.append(.init(pointer: "/customer", detail: "customer is empty")) }
        if body.lines.isEmpty { fieldErrors.append(.init(pointer: "/lines", detail: "a quote needs at least one line")) }
        if body.lines.count > Self.maximumQuoteLines {
            fieldErrors.append(.init(pointer: "/lines", detail: "at most \(Self.maximumQuoteLines) lines per quote"))
        }
        let currency: Currency
        do throws(CurrencyError) {
            currency = try Currency(code: body.currency)
        } catch {
            fieldErrors.append(.init(pointer: "/currency", detail: "\"\(body.currency)\" is not an ISO 4217 currency code"))
            throw ProblemDetails.validationFailed(fieldErrors)
        }
        guard fieldErrors.isEmpty else { throw ProblemDetails.validationFailed(fieldErrors) }
        guard snapshot.catalog.hasPriceList(in: currency) else {
            throw ProblemDetails(
                type: "urn:wholesail:problem:no-price-list", title: "No price list in this currency",
                status: .unprocessableContent, detail: PricingError.noPriceList(currency).description,
                errors: [.init(pointer: "/currency", detail: "no price list is in \(currency.code)")],
                extensions: ["priceVersion": .number(Decimal(snapshot.version))]
            )
        }

        let at = body.at ?? Date()
        var lines: [QuoteResponse.Line] = []
        lines.reserveCapacity(body.lines.count)
        var total: Int64 = 0
        var lineErrors: [ProblemDetails.FieldError] = []
        for (index, line) in body.lines.enumerated() {
            do throws(PricingError) {
                let priced = try snapshot.calculator.price(sku: line.sku, quantity: line.quantity, customer: body.customer, currency: currency, at: at)
                let (sum, overflow) = total.addingReportingOverflow(priced.extendedAmount.minorUnits)
                guard !overflow else { throw .amountTooLarge }
                total = sum
                lines.append(QuoteResponse.Line(
                    lineNumber: index + 1, sku: priced.sku, quantity: priced.quantity, unitPrice: priced.unitPrice,
                    extendedAmount: priced.extendedAmount, rule: priced.rule, priceList: priced.priceList,
                    listUnitPrice: priced.listUnitPrice, category: priced.category
                ))
            } catch {
                let field = switch error {
                case .invalidQuantity: "quantity"
                case .amountTooLarge: "quantity"
                default: "sku"
                }
                lineErrors.append(.init(pointer: "/lines/\(index)/\(field)", detail: "line \(index + 1) (\(error.code)): \(error.description)"))
            }
        }
        guard lineErrors.isEmpty else {
            throw ProblemDetails(
                type: "urn:wholesail:problem:unpriceable-lines", title: "Some lines cannot be priced",
                status: .unprocessableContent,
                detail: lineErrors.count == 1 ? lineErrors[0].detail : "\(lineErrors.count) lines cannot be priced",
                errors: lineErrors, extensions: ["priceVersion": .number(Decimal(snapshot.version))]
            )
        }
        return QuoteResponse(
            customer: body.customer, currency: currency, at: at, priceVersion: snapshot.version,
            snapshot: .init(version: snapshot.version, loadedAt: snapshot.loadedAt, verifiedAt: freshness.verifiedAt, stale: freshness.stale),
            lines: lines, total: Money(minorUnits: total, currency: currency)
        )
    }

    /// Enough for any cart or EDI order; bounds the work one request can cause.
    public static let maximumQuoteLines = 1000

    // MARK: Imports

    func putPriceList(request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let contentType = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let priceImport: PriceListImport
        if contentType == "text/csv" {
            priceImport = try await csvImport(id: id, request: request, context: context)
        } else if let contentType, !StableJSONRequestDecoder.isJSON(contentType) {
            throw ProblemDetails(
                type: "urn:wholesail:problem:unsupported-media-type", title: "The request body must be JSON or CSV",
                status: .unsupportedMediaType,
                detail: "Content-Type \(contentType) is not supported here; send application/json or text/csv.",
                headers: [.accept: "application/json, text/csv"]
            )
        } else {
            priceImport = try await request.decodeJSON(as: PriceListDocument.self, context: context).makeImport(id: id)
        }
        let list = try Self.accept { () throws(ImportRejected) in try priceImport.validated() }
        return try await commitImport { transaction in try await store.importPriceList(list, in: transaction) }
    }

    func csvImport(id: String, request: Request, context: ServiceRequestContext) async throws -> PriceListImport {
        let query = request.uri.queryParameters
        var errors: [ProblemDetails.FieldError] = []
        func date(_ name: String, required: Bool) -> Date? {
            guard let text = query[name[...]].map(String.init) else {
                if required { errors.append(.init(pointer: "?\(name)", detail: "the query parameter \(name) is required for a CSV import (ISO 8601, e.g. 2027-01-01T00:00:00Z)")) }
                return nil
            }
            do throws(ISO8601Timestamp.ParseError) {
                return try StableJSON.date(from: text)
            } catch {
                errors.append(.init(pointer: "?\(name)", detail: "\"\(text)\" is not an ISO 8601 timestamp with an offset, e.g. 2027-01-01T00:00:00Z"))
                return nil
            }
        }
        let currency = query["currency"].map(String.init)
        if currency == nil { errors.append(.init(pointer: "?currency", detail: "the query parameter currency is required for a CSV import (e.g. EUR)")) }
        let effectiveFrom = date("effectiveFrom", required: true)
        let effectiveTo = date("effectiveTo", required: false)
        guard errors.isEmpty, let currency, let effectiveFrom else { throw ProblemDetails.validationFailed(errors) }

        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ProblemDetails.contentTooLarge(maximumBytes: context.maxUploadSize)
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw ProblemDetails.invalidRequestBody("The CSV file is not valid UTF-8; export it as UTF-8.")
        }
        return PriceListCSV.makeImport(
            id: id, text: text, currency: currency, name: query["name"].map(String.init),
            effectiveFrom: effectiveFrom, effectiveTo: effectiveTo
        )
    }

    /// The validated value, or a 422 listing every issue (row numbers and pointers) — nothing is written.
    static func accept<Value>(_ validate: () throws(ImportRejected) -> Value) throws -> Value {
        do throws(ImportRejected) {
            return try validate()
        } catch {
            throw ProblemDetails(
                type: "urn:wholesail:problem:import-rejected", title: "The import is not valid; nothing was changed",
                status: .unprocessableContent,
                detail: error.totalIssues == 1 ? error.issues[0].description : "\(error.totalIssues) problems; nothing was imported",
                errors: error.issues.map { .init(pointer: $0.pointer, detail: $0.description) },
                extensions: ["totalIssues": .number(Decimal(error.totalIssues))]
            )
        }
    }

    /// Runs the import's transaction, then loads and installs the new version here before answering.
    func commitImport(_ body: @escaping @Sendable (PostgresTransaction) async throws -> ImportReceipt) async throws -> Response {
        let receipt = try await pool.transaction { transaction in try await body(transaction) }
        do {
            try await refresher.refresh()
        } catch {
            // Committed: the refresher's next round loads it. The receipt is still the truth.
            logger.warning("import committed but this instance could not load it yet", metadata: ["error": "\(error)", "price_version": "\(receipt.version)"])
        }
        logger.info("price import committed", metadata: [
            "subject": "\(receipt.subject)", "id": "\(receipt.id)", "price_version": "\(receipt.version)",
            "rows": "\(receipt.rows)", "changed_prices": "\(receipt.changedPrices)",
        ])
        return try StableJSONResponseEncoder.response(receipt, status: .ok)
    }

    // MARK: Reads

    func getPriceList(context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let stored = try await pool.transaction { transaction in try await store.storedPriceList(id: id, in: transaction) }
        guard let list = stored else {
            throw ProblemDetails(type: "urn:wholesail:problem:not-found", status: .notFound, detail: "No price list \(id); import it with PUT /v1/price-lists/\(id).")
        }
        return try StableJSONResponseEncoder.response(PriceListView(list), status: .ok)
    }

    func currentVersion() throws -> Response {
        guard let (snapshot, freshness) = book.read() else {
            throw ProblemDetails.serviceUnavailable("Prices are not loaded yet.", retryAfter: .seconds(2))
        }
        return try StableJSONResponseEncoder.response(VersionView(
            version: snapshot.version, publishedAt: snapshot.publishedAt, loadedAt: snapshot.loadedAt,
            verifiedAt: freshness.verifiedAt, stale: freshness.stale,
            priceLists: snapshot.catalog.priceListCount, skus: snapshot.catalog.knownSKUs.count,
            agreements: snapshot.catalog.agreementCount, promotions: snapshot.catalog.promotionCount
        ), status: .ok)
    }

    struct VersionView: Codable {
        var version: Int64
        var publishedAt: Date?
        var loadedAt: Date
        var verifiedAt: Date
        var stale: Bool
        var priceLists: Int
        var skus: Int
        var agreements: Int
        var promotions: Int
    }
}
