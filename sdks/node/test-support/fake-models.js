// Offline fake models for the framework adapter tests. They follow the frameworks' real model interfaces
// (LangChain's BaseChatModel; the AI SDK's LanguageModelV2 that Mastra drives), play a script of turns and
// record what they were sent, so a test can assert what reached the model in its own dialect.
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';

/** Splits a text into chunks of words (with their following spaces kept), the way models stream tokens. */
export const words = (text) => text.match(/\S+\s*|\s+/g) ?? [];

/**
 * A LangChain chat model that answers each call with the next turn of its script: a string (streamed word by
 * word), `{ content, toolCalls: [{ id, name, args }] }` (the tool calls come as one last chunk, as providers
 * send them after any text) or `{ blocks: [...] }` (content blocks, streamed one block per chunk). It records the
 * messages of each call in `calls` and the tools bound with `bindTools` in `boundTools`.
 */
export class ScriptedChatModel extends BaseChatModel {
  calls = [];
  boundTools = [];
  #script;
  #turn = 0;

  constructor({ script, ...rest }) {
    super(rest);
    this.#script = script;
  }

  _llmType() { return 'scripted-fake'; }

  bindTools(tools) {
    this.boundTools.push(...tools);
    return this;
  }

  #next(messages) {
    this.calls.push(messages);
    const turn = this.#script[this.#turn];
    if (turn === undefined) throw new Error(`the scripted model has no turn ${this.#turn + 1}`);
    this.#turn++;
    if (typeof turn === 'string') return { content: turn, toolCalls: [] };
    return { content: turn.blocks ?? '', toolCalls: [], ...turn };
  }

  async _generate(messages) {
    const { content, toolCalls } = this.#next(messages);
    const message = new AIMessage({ content, tool_calls: toolCalls.map((call) => ({ ...call, type: 'tool_call' })) });
    return { generations: [{ text: content, message }] };
  }

  async* _streamResponseChunks(messages, options, runManager) {
    const { content, toolCalls } = this.#next(messages);
    if (Array.isArray(content)) {
      for (const [index, block] of content.entries()) {
        const message = new AIMessageChunk({ content: [{ ...block, index }] });
        const chunk = new ChatGenerationChunk({ text: block.text ?? '', message });
        yield chunk;
        await runManager?.handleLLMNewToken(block.text ?? '', undefined, undefined, undefined, undefined, { chunk });
      }
    }
    for (const piece of Array.isArray(content) ? [] : words(content)) {
      if (options.signal?.aborted) return;
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
    if (toolCalls.length > 0) {
      const message = new AIMessageChunk({
        content: '',
        tool_call_chunks: toolCalls.map((call, index) => ({
          id: call.id, name: call.name, args: JSON.stringify(call.args), index, type: 'tool_call_chunk',
        })),
      });
      const chunk = new ChatGenerationChunk({ text: '', message });
      yield chunk;
      await runManager?.handleLLMNewToken('', undefined, undefined, undefined, undefined, { chunk });
    }
  }
}

/**
 * A language model for Mastra: an object implementing the AI SDK's LanguageModelV2 interface
 * (@ai-sdk/provider: specificationVersion 'v2', doGenerate, doStream returning { stream } of stream parts).
 * Each call plays the next turn of the script: a string (streamed word by word as text deltas), or
 * `{ reasoning?, text?, toolCalls: [{ id, name, args }] }`, or `{ error: 'message' }` (the stream reports an error).
 * `calls` records each call's options (`prompt` is what the model was sent); `delayMillis` spaces the parts.
 */
export function scriptedLanguageModel(script, { delayMillis = 0 } = {}) {
  const calls = [];
  let turn = 0;
  const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
  const partsOf = (step) => {
    const { reasoning, text = '', toolCalls = [], error } = typeof step === 'string' ? { text: step } : step;
    const parts = [{ type: 'stream-start', warnings: [] }];
    if (error) return [...parts, { type: 'error', error: new Error(error) }];
    if (reasoning) {
      parts.push({ type: 'reasoning-start', id: 'reasoning-1' },
        { type: 'reasoning-delta', id: 'reasoning-1', delta: reasoning }, { type: 'reasoning-end', id: 'reasoning-1' });
    }
    if (text) {
      parts.push({ type: 'text-start', id: 'text-1' });
      for (const piece of words(text)) parts.push({ type: 'text-delta', id: 'text-1', delta: piece });
      parts.push({ type: 'text-end', id: 'text-1' });
    }
    for (const call of toolCalls) {
      parts.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: JSON.stringify(call.args) });
    }
    parts.push({ type: 'finish', finishReason: toolCalls.length > 0 ? 'tool-calls' : 'stop', usage });
    return parts;
  };
  return {
    specificationVersion: 'v2',
    provider: 'scripted-fake',
    modelId: 'scripted-fake-1',
    supportedUrls: { '*/*': [/^https:\/\//] }, // the model takes URLs itself: the AI SDK downloads nothing
    calls,
    async doGenerate() {
      throw new Error('the scripted model only streams');
    },
    async doStream(options) {
      calls.push(options);
      const step = script[turn];
      if (step === undefined) throw new Error(`the scripted model has no turn ${turn + 1}`);
      turn++;
      const parts = partsOf(step);
      const stream = new ReadableStream({
        async pull(controller) {
          if (delayMillis > 0) await new Promise((resolve) => setTimeout(resolve, delayMillis));
          if (options.abortSignal?.aborted || parts.length === 0) {
            controller.close();
            return;
          }
          controller.enqueue(parts.shift());
        },
      });
      return { stream };
    },
  };
}
