// A server's resources as read-only VS Code documents (a scheme of our own whose content is read
// from the server each time VS Code asks), and saving a resource's contents to a file.

import * as vscode from 'vscode';
import type { Inspector } from '../inspector/inspector';
import { problemOf } from '../mcp/problems';
import type { ResourceContents } from '../shared/model';
import { languageOfMimeType } from './mimeLanguages';

/** The scheme of resource documents: `mcp-scope-resource:/<server>/<last path segment>?<resource URI>`. */
export const RESOURCE_SCHEME = 'mcp-scope-resource';

/** The document URI for a server's resource. */
export function resourceDocumentUri(serverId: string, uri: string): vscode.Uri {
  const name = uri.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? 'resource';
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, path: `/${encodeURIComponent(serverId)}/${name}`, query: uri });
}

/** Reads resource documents from the servers, and opens them. */
export class ResourceDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;
  /** The MIME type each open document was last read with, by document URI. */
  private readonly mimeTypes = new Map<string, string | undefined>();

  constructor(private readonly inspector: Inspector) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(RESOURCE_SCHEME, this);
  }

  async provideTextDocumentContent(documentUri: vscode.Uri): Promise<string> {
    const serverId = decodeURIComponent(documentUri.path.split('/')[1] ?? '');
    const uri = documentUri.query;
    try {
      const { contents } = await this.inspector.readResource(serverId, uri);
      this.mimeTypes.set(documentUri.toString(), contents[0]?.mimeType);
      return contents.map(textOf).join('\n');
    } catch (error) {
      const problem = problemOf(error);
      return `MCP Scope could not read ${uri} from ${serverId}.\n\n${problem.summary}${problem.advice ? `\n${problem.advice}` : ''}\n`;
    }
  }

  /** Opens a resource's text in a read-only editor, in the language its MIME type names. */
  async open(serverId: string, uri: string): Promise<void> {
    const documentUri = resourceDocumentUri(serverId, uri);
    let document = await vscode.workspace.openTextDocument(documentUri);
    const language = languageOfMimeType(this.mimeTypes.get(documentUri.toString()));
    if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** Reads a resource and writes its contents (the first item: text, or the decoded blob) where the user chooses. */
  async save(serverId: string, uri: string): Promise<void> {
    try {
      const { contents } = await this.inspector.readResource(serverId, uri);
      const first = contents[0];
      if (!first) return void vscode.window.showWarningMessage(`MCP Scope: ${uri} has no contents to save.`);
      const name = resourceDocumentUri(serverId, uri).path.split('/').pop();
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        title: `Save ${uri}`,
        saveLabel: 'Save Resource',
        ...(folder && name && { defaultUri: vscode.Uri.joinPath(folder, name) }),
      });
      if (!target) return;
      const bytes = first.blob !== undefined ? Buffer.from(first.blob, 'base64') : Buffer.from(first.text ?? '', 'utf8');
      await vscode.workspace.fs.writeFile(target, bytes);
      void vscode.window.showInformationMessage(`MCP Scope saved ${uri} (${bytes.length} bytes) to ${target.fsPath}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`MCP Scope could not save ${uri}: ${problemOf(error).summary}`);
    }
  }

  dispose(): void {
    this.registration.dispose();
  }
}

/** A content item as text: its text, or a line saying what binary content it holds. */
function textOf(contents: ResourceContents): string {
  if (contents.text !== undefined) return contents.text;
  const bytes = Buffer.from(contents.blob ?? '', 'base64').length;
  return `[${contents.uri}: binary content, ${contents.mimeType ?? 'no MIME type'}, ${bytes} bytes; save it from the MCP Scope panel]`;
}
