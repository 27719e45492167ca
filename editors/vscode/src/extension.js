// A thin VS Code client for the isnad language server (`isnad lsp --stdio`).
//
// Which files: articles (`.txt`, `.md`) inside workspace folders that hold an `isnad.toml`, plus
// the `isnad.articleGlobs` patterns. No other file is handed to the server: the extension never
// claims every `.txt` a user opens.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const SECTION = 'isnad';
const BIN_NAME = process.platform === 'win32' ? 'isnad.exe' : 'isnad';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;
/** @type {vscode.ExtensionContext} */
let extension;

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The server binary: `isnad.path`, else the bundled `bin/isnad`, else `isnad` on PATH. */
function findServer() {
  const configured = vscode.workspace.getConfiguration(SECTION).get('path', '').trim();
  if (configured) {
    const expanded = configured.replace(/^~(?=$|[\\/])/, os.homedir());
    return { path: expanded, from: 'the isnad.path setting' };
  }
  const bundled = extension.asAbsolutePath(path.join('bin', BIN_NAME));
  if (isExecutable(bundled)) {
    return { path: bundled, from: 'the binary bundled with the extension' };
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = dir && path.join(dir, BIN_NAME);
    if (candidate && isExecutable(candidate)) {
      return { path: candidate, from: 'PATH' };
    }
  }
  return undefined;
}

/** Escapes glob metacharacters in a literal path. */
function globEscape(p) {
  return p.replace(/\\/g, '/').replace(/[[\]{}*?]/g, '[$&]');
}

/** The corpus folders: workspace folders with an `isnad.toml` at their top. */
function corpusFolders() {
  return (vscode.workspace.workspaceFolders || []).filter(
    (f) => f.uri.scheme === 'file' && fs.existsSync(path.join(f.uri.fsPath, 'isnad.toml')),
  );
}

/** The document selector: articles in corpus folders, and the configured globs. */
function documentSelector() {
  const selector = corpusFolders().map((f) => ({
    scheme: 'file',
    pattern: `${globEscape(f.uri.fsPath)}/**/*.{txt,md}`,
  }));
  for (const glob of vscode.workspace.getConfiguration(SECTION).get('articleGlobs', [])) {
    if (typeof glob === 'string' && glob.trim()) {
      selector.push({ scheme: 'file', pattern: glob.trim() });
    }
  }
  return selector;
}

/** The `isnad.*` settings as plain JSON (sent as initializationOptions). */
function settings() {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return {
    checks: cfg.get('checks', {}),
    severities: cfg.get('severities', {}),
    articleGlobs: cfg.get('articleGlobs', []),
    referencesLimit: cfg.get('referencesLimit', 2000),
    claimsMinScore: cfg.get('claimsMinScore', null),
    trace: { server: cfg.get('trace.server', 'off') },
  };
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Applies `isnad.checks` and `isnad.severities` to diagnostics (codes are the server's). */
function adjustDiagnostics(diagnostics) {
  const { checks, severities } = settings();
  const code = (d) => String(typeof d.code === 'object' && d.code ? d.code.value : d.code);
  return diagnostics
    .filter((d) => checks[code(d)] !== false)
    .map((d) => {
      const severity = SEVERITY[severities[code(d)]];
      if (severity !== undefined) d.severity = severity;
      return d;
    });
}

async function start() {
  const selector = documentSelector();
  if (selector.length === 0) {
    output.appendLine('No folder with an isnad.toml and no isnad.articleGlobs: the server is not started.');
    return;
  }
  const server = findServer();
  if (!server) {
    const msg = 'isnad: no server binary found. Set "isnad.path", or put `isnad` on PATH.';
    output.appendLine(msg);
    vscode.window.showErrorMessage(msg);
    return;
  }
  output.appendLine(`Starting ${server.path} (from ${server.from}) for ${JSON.stringify(selector)}`);
  const serverOptions = {
    command: server.path,
    args: ['lsp'],
    // TransportKind.stdio appends `--stdio`: the server runs as `isnad lsp --stdio`.
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: selector,
    outputChannel: output,
    initializationOptions: settings(),
    synchronize: { configurationSection: SECTION },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, adjustDiagnostics(diagnostics)),
    },
  };
  // The id 'isnad' makes the client read the `isnad.trace.server` setting.
  client = new LanguageClient('isnad', 'isnad', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`The isnad server failed to start: ${e}`);
    vscode.window.showErrorMessage(`isnad: the server failed to start (${server.path}): ${e}`);
  }
}

async function stop() {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop();
    } catch (e) {
      output.appendLine(`Stopping the server: ${e}`);
    }
  }
}

/** Stops and starts the client; calls run one after another, never two clients at once. */
let queue = Promise.resolve();
function restart() {
  queue = queue.then(stop).then(start).catch((e) => output.appendLine(`Restart failed: ${e}`));
  return queue;
}

/**
 * "Show what this entity said": the sentences attributed to the entity under the cursor, across
 * the corpus (the server's `isnad/statements` request), in the references peek view.
 */
async function showStatements() {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) {
    vscode.window.showInformationMessage('isnad: open an article of the corpus first.');
    return;
  }
  const position = editor.selection.active;
  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(editor.document, position);
  const result = await client.sendRequest('isnad/statements', params);
  const locations = (result || []).map((l) => client.protocol2CodeConverter.asLocation(l));
  if (locations.length === 0) {
    vscode.window.showInformationMessage('isnad: no sentence is attributed to the name under the cursor.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, position, locations);
}

function activate(context) {
  extension = context;
  output = vscode.window.createOutputChannel('isnad');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('isnad.restart', async () => {
      output.appendLine('Restart requested.');
      await restart();
    }),
    vscode.commands.registerCommand('isnad.showStatements', showStatements),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Which files, which binary, the references limit and the claims' minimum score are fixed at start;
      // other settings are forwarded live.
      const restarts = ['isnad.path', 'isnad.articleGlobs', 'isnad.referencesLimit', 'isnad.claimsMinScore'];
      if (restarts.some((key) => e.affectsConfiguration(key))) {
        restart();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => restart()),
  );
  const markers = vscode.workspace.createFileSystemWatcher('**/isnad.toml', false, true, false);
  markers.onDidCreate(() => restart());
  markers.onDidDelete(() => restart());
  context.subscriptions.push(markers);
  return restart();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
