import { highlight, highlightLanguageOf } from './highlight';

/** Text in the editor's font, coloured by the language its MIME type names; every token is a text node. */
export function HighlightedText({ text, mimeType }: { text: string; mimeType: string | undefined }) {
  const language = highlightLanguageOf(mimeType);
  return (
    <pre class="text-block code-block" data-language={language ?? 'plain'}>
      {language ? highlight(text, language).map((token, index) => (token.kind ? <span key={index} class={`tok-${token.kind}`}>{token.text}</span> : token.text)) : text}
    </pre>
  );
}
