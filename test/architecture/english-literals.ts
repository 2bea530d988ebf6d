/**
 * Finds string and template literals that read as English prose in code that builds what people
 * read (commands, core, services, renderers). Every such text belongs in the message catalogs
 * (src/core/i18n/catalogs), so a reader in zh-CN, zh-TW or ko never meets a stray English sentence.
 *
 * The rule is deliberately simple and errs towards flagging: two Latin words separated by a space,
 * or a capitalised word followed by sentence punctuation. Places whose text is never shown are
 * skipped by their syntax (module specifiers, property keys, type literals, comparisons, logger and
 * internal-error arguments, SQL, markup); anything else that is not for people goes on the
 * test's allow-list with a reason.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { COMMAND_WORDS } from "../../src/core/i18n/vocabulary.js";
import { isMessageKey } from "../../src/core/i18n/translator.js";
import { FORM_LABELS } from "../../src/commands/shared/arguments.js";

export type EnglishLiteral = { file: string; line: number; text: string };

const LOGGER_METHODS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "log", "child"]);
const LOGGER_RECEIVERS = /^(log\$?|logger|console|this\.log|this\.logger|[a-zA-Z.$]*\.(log|logger))$/;
/** Errors for operators and logs; user-facing errors are UserError and its subclasses. */
const INTERNAL_ERRORS = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "AggregateError", "RapportError", "AssertionError", "PostError", "InstallationStoreError"]);
/** Calls whose string arguments are code, not text: the English side of a catalog key, patterns, keys. */
const NON_TEXT_CALLS = new Set(["localizable", "startsWith", "endsWith", "includes", "RegExp", "require", "import", "t", "isMessageKey", "Symbol", "assertNever"]);
/**
 * Typed command syntax, shown as written: English command words and `key=value` names work in every
 * language (the reader's own command words are accepted too), so usage lines and examples stay as typed.
 */
const SYNTAX_PROPERTIES = new Set(["usage", "examples", "example", "command", "rerun"]);
const COMMAND_LINE = new RegExp(`^(/crm )?(${Object.keys(COMMAND_WORDS).join("|")}) [^,.;]*$`);
const NON_TEXT_PROPERTIES = new Set(["code", "name", "key", "id", "type", "kind", "pattern", "format", "contentType", "mimeType", "filename", "callbackId", "actionId", "action_id", "block_id", "customId", "custom_id"]);

/** Whether a literal's text reads as English prose. */
export function readsAsEnglish(text: string): boolean {
  const prose = text
    .replace(/<[^>]+>/g, " ") // placeholders such as <customer> in usage lines
    .replace(/\{[^}]*\}/g, " ") // ICU placeholders
    .replace(/https?:\/\/\S+/g, " ");
  if (/^\s*(select|insert|update|delete|with|create|alter|drop)\s/i.test(prose) && /\b(from|into|set|table|as)\b/i.test(prose)) return false;
  if (/^\s*</.test(text)) return false; // markup: SVG, HTML
  if (COMMAND_LINE.test(text)) return false;
  if (/\b[A-Za-z][a-z]+\s+[A-Za-z][a-z]+/.test(prose)) return true;
  return /\b[A-Z][a-z]+[.!?:](\s|$)/.test(prose);
}

function calleeName(expression: ts.LeftHandSideExpression): { receiver?: string; name: string } | undefined {
  if (ts.isIdentifier(expression)) return { name: expression.text };
  if (ts.isPropertyAccessExpression(expression)) return { receiver: expression.expression.getText(), name: expression.name.text };
  return undefined;
}

function propertyName(node: ts.Node): string | undefined {
  return ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
}

/** The `name: "..."` of a `defineCommand({...})` spec. */
function commandNameOf(spec: ts.ObjectLiteralExpression): string | undefined {
  for (const property of spec.properties) {
    if (propertyName(property) === "name" && ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) return property.initializer.text;
  }
  return undefined;
}

/**
 * The catalog keys that translate a command definition's English text, by the convention the
 * surfaces read them with (help, forms, Discord options: src/adapters/kit/form-options.ts):
 * `summary` -> `command.<name>.summary`, `formTitle` -> `form.title.<name>`, an option's
 * `description` and `label` -> `option.<name>.<option>.description|name` or `option.<option>.…`.
 */
export function definitionKeys(node: ts.Node): string[] {
  const property = node.parent;
  const part = property && propertyName(property);
  if (!part || (property as ts.PropertyAssignment).initializer !== node) return [];
  const holder = property.parent;
  if (!ts.isObjectLiteralExpression(holder)) return [];
  const isSpec = (object: ts.Node): boolean =>
    ts.isObjectLiteralExpression(object) && ts.isCallExpression(object.parent) && ts.isIdentifier(object.parent.expression) && object.parent.expression.text === "defineCommand";
  if (isSpec(holder)) {
    const name = commandNameOf(holder as ts.ObjectLiteralExpression);
    if (name && part === "summary") return [`command.${name}.summary`];
    if (name && part === "formTitle") return [`form.title.${name}`];
    return [];
  }
  // options: { <option>: { description, label } }, inside the spec or in a `const options = {...}` it names.
  const optionProperty: ts.Node = holder.parent;
  const option = propertyName(optionProperty);
  if (!option || !ts.isObjectLiteralExpression(optionProperty.parent)) return [];
  let options: ts.Node = optionProperty.parent;
  const isWrapper = (wrapper: ts.Node) => ts.isSatisfiesExpression(wrapper) || ts.isAsExpression(wrapper);
  while (isWrapper(options.parent)) options = options.parent;
  const container: ts.Node = options.parent;
  let spec: ts.ObjectLiteralExpression | undefined;
  if (propertyName(container) === "options" && isSpec(container.parent)) spec = container.parent as ts.ObjectLiteralExpression;
  else if (ts.isVariableDeclaration(container) && ts.isIdentifier(container.name) && container.name.text === "options") spec = specIn(node.getSourceFile(), isSpec);
  const name = spec && commandNameOf(spec);
  const which = part === "description" ? "description" : part === "label" ? "name" : undefined;
  return name && which ? [`option.${name}.${option}.${which}`, `option.${option}.${which}`] : [];
}

/** The file's one `defineCommand({...})` spec. */
function specIn(file: ts.SourceFile, isSpec: (node: ts.Node) => boolean): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && isSpec(node)) found = node as ts.ObjectLiteralExpression;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Whether the literal sits somewhere whose text no person reads. */
function isNonDisplayPosition(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent) || ts.isExternalModuleReference(parent)) return true;
    if (ts.isLiteralTypeNode(parent)) return true;
    if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
    if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && NON_TEXT_PROPERTIES.has(parent.name.text) && parent.initializer === node) return true;
    if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && SYNTAX_PROPERTIES.has(parent.name.text) && parent.initializer === child) return true;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && /(EXAMPLE|SYNTAX|FONT_FAMILY)S?$/.test(parent.name.text)) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
    if (ts.isCaseClause(parent) && parent.expression === child) return true;
    if (ts.isBinaryExpression(parent)) {
      const kind = parent.operatorToken.kind;
      if (kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken) return true;
    }
    if (ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && INTERNAL_ERRORS.has(parent.expression.text)) return true;
    if (ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression)) {
      const callee = calleeName(parent.expression);
      if (parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
      if (callee && NON_TEXT_CALLS.has(callee.name) && (callee.name !== "localizable" || parent.arguments[0] === child)) return true;
      // `text("The owner", 100)`: a form label the catalogs translate (FORM_LABELS).
      if (callee && callee.name === "text" && parent.arguments[0] === child && ts.isStringLiteral(node) && Object.hasOwn(FORM_LABELS, node.text)) return true;
      if (callee && callee.receiver && LOGGER_METHODS.has(callee.name) && LOGGER_RECEIVERS.test(callee.receiver)) return true;
    }
    // Stop at the statement: a literal's role is decided by the expression it belongs to.
    if (ts.isStatement(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

/** The English-looking literals in one source text. */
export function findEnglishLiterals(file: string, source: string): EnglishLiteral[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: EnglishLiteral[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!readsAsEnglish(text) || isNonDisplayPosition(node)) return;
    // A definition's English, which every surface replaces with the catalog's text for the reader.
    if (definitionKeys(node).some(isMessageKey)) return;
    found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node)) report(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join("${}"));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** Where people's text is built, outside the adapters. */
export const CORE_AND_SERVICE_ROOTS = ["src/commands", "src/core", "src/digests", "src/charts", "src/export", "src/import", "src/cli"];
/** The adapters' builders and renderers. */
export const ADAPTER_ROOTS = [
  "src/adapters/kit",
  "src/adapters/console",
  "src/adapters/webhook",
  "src/adapters/slack/render",
  "src/adapters/slack/listeners",
  "src/adapters/slack/platform.ts",
  "src/adapters/discord/render",
  "src/adapters/discord/handlers",
  "src/adapters/discord/commands",
  "src/adapters/discord/platform.ts",
  "src/adapters/web",
];
/** Not scanned: the catalogs are where the English text belongs. */
const EXCLUDED = [/^src\/core\/i18n\/catalogs\//, /\.test\.ts$/, /\.d\.ts$/];

function sourceFiles(root: string): string[] {
  const absolute = join(REPO_ROOT, root);
  if (root.endsWith(".ts")) return statSync(absolute, { throwIfNoEntry: false })?.isFile() ? [root] : [];
  let entries: string[];
  try {
    entries = readdirSync(absolute);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(absolute, entry);
    const relativePath = relative(REPO_ROOT, path).split("\\").join("/");
    if (statSync(path).isDirectory()) return sourceFiles(relativePath);
    return relativePath.endsWith(".ts") && !EXCLUDED.some((pattern) => pattern.test(relativePath)) ? [relativePath] : [];
  });
}

export function scan(roots: readonly string[]): EnglishLiteral[] {
  return roots.flatMap(sourceFiles).flatMap((file) => findEnglishLiterals(file, readFileSync(join(REPO_ROOT, file), "utf8")));
}

export function literalKey(literal: Pick<EnglishLiteral, "file" | "text">): string {
  return `${literal.file} ${JSON.stringify(literal.text)}`;
}
