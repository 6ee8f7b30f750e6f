/**
 * Helpers shared by the CrewAI, Semantic Kernel and AutoGen adapters, which embed this package
 * ({@code -includepackage}). Not exported: no version, so bnd keeps it private to each of them.
 */
package io.agentx.adapter.common;
