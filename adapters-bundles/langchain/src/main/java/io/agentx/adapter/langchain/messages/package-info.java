/**
 * The conversion between A2A messages and serialized LangChain messages, shared by the LangChain adapter and the
 * LangGraph adapter (which embeds this package). Not exported: no version, so bnd keeps it private.
 */
package io.agentx.adapter.langchain.messages;
