import Testing

/// The YAML subset reader the deployment tests rely on reads what the files use and refuses what it cannot read.
@Suite("YAML subset reader")
struct YAMLDocumentTests {
    @Test
    func readsNestedMappingsAndSequencesOfMappings() throws {
        let root = try YAMLDocument(parsing: """
            spec:
              containers:
                - name: orders   # a comment
                  ports:
                    - containerPort: 8080
                - name: sidecar
            """).root
        let containers = try #require(root["spec", "containers"]?.items)
        #expect(containers.count == 2)
        #expect(containers[0]["name"]?.string == "orders")
        #expect(containers[0]["ports"]?.items?.first?["containerPort"]?.string == "8080")
        #expect(containers[1]["name"]?.string == "sidecar")
    }

    @Test
    func readsQuotedScalarsFlowSequencesAndColonsInsideValues() throws {
        let root = try YAMLDocument(parsing: """
            test: ["CMD", "curl", 'it''s', "a, b"]
            url: http://127.0.0.1:28081/health/ready
            port: "28081:28081"
            empty: []
            key with spaces: plain value # comment
            """).root
        #expect(root["test"]?.strings == ["CMD", "curl", "it's", "a, b"])
        #expect(root["url"]?.string == "http://127.0.0.1:28081/health/ready")
        #expect(root["port"]?.string == "28081:28081")
        #expect(root["empty"]?.items == [])
        #expect(root["key with spaces"]?.string == "plain value")
    }

    @Test
    func mergeKeysCopyAnAnchoredMappingWithoutOverridingLocalKeys() throws {
        let root = try YAMLDocument(parsing: """
            x-common: &common
              image: wholesail:latest
              restart: unless-stopped
            services:
              orders:
                <<: *common
                restart: "no"
            """).root
        #expect(root["services", "orders", "image"]?.string == "wholesail:latest")
        #expect(root["services", "orders", "restart"]?.string == "no")
    }

    @Test
    func readsASequenceAtTheIndentationOfItsKey() throws {
        let root = try YAMLDocument(parsing: """
            volumes:
            - a:/a
            - b:/b
            next: value
            """).root
        #expect(root["volumes"]?.strings == ["a:/a", "b:/b"])
        #expect(root["next"]?.string == "value")
    }

    @Test(arguments: [
        "script: |\n  echo hi",
        "a: 1\n   b: 2",
        "a: 1\na: 2",
        "value: *missing",
        "---\na: 1",
        "a: \"unterminated",
    ])
    func refusesWhatItCannotReadFaithfully(text: String) {
        #expect(throws: YAMLSubsetError.self) { try YAMLDocument(parsing: text) }
    }
}
