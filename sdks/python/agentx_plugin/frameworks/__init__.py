"""Framework integrations: serve an agent built with LangChain, LangGraph, AutoGen, CrewAI or Semantic Kernel as an
AgentX agent. Each module imports nothing of its framework at import time; it works with the objects it is given
and the history AgentX hands over in the framework's own message form (`Request.dialect_history`)."""
