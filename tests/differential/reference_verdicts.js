// Reads JSON strings, one query per line, from stdin; prints one line per query:
// "1" when Atlassian's reference grammar (@atlassianlabs/jql-parser) accepts it,
// "0" when its lexer or parser reports any error.
'use strict';
const readline = require('readline');
const { CharStreams } = require('antlr4ts/CharStreams');
const { CommonTokenStream } = require('antlr4ts/CommonTokenStream');
const { JQLLexer } = require('@atlassianlabs/jql-parser/dist/cjs/generated/JQLLexer');
const { JQLParser } = require('@atlassianlabs/jql-parser/dist/cjs/generated/JQLParser');

class Counter {
  constructor() { this.errors = 0; }
  syntaxError() { this.errors++; }
}

function accepts(text) {
  const counter = new Counter();
  const lexer = new JQLLexer(CharStreams.fromString(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(counter);
  const parser = new JQLParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(counter);
  parser.jqlQuery();
  return counter.errors === 0;
}

const out = [];
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => { out.push(accepts(JSON.parse(line)) ? '1' : '0'); });
rl.on('close', () => { process.stdout.write(out.join('\n') + (out.length ? '\n' : '')); });
