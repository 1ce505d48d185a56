// `swift run -c release wholesail-bench foundation`: see WholesailBenchCommand and FoundationCommand.
await WholesailBenchCommand.main()
