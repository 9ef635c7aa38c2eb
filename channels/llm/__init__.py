"""The LLM vendors behind the core's `LLMBackend` seam (`core.understanding.llm`): one module
per vendor, each the only place its SDK is imported (the SDKs are optional extras)."""
