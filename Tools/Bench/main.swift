print("wholesail-bench")
