// JQL as Jira Cloud parses it: the token set of Atlassian's JQLLexer.g4, and a parser
// that is deliberately a little more permissive than Atlassian's front-end grammar in
// operand shapes and predicates, because Jira's server accepts those syntactically
// and reports them with its own messages ("The EQUALS operator does not support the
// use of the by ... predicate."); src/parse/ast_builder checks them.
//
// The lexer has no modes so that it can stay a combined grammar: a quoted string is
// one token, and a quote that never closes is UNCLOSED_QUOTE_STRING, which ends at the
// end of input or at the first character a quoted string may not hold; the C++ side
// tells those cases apart. Reserved words are ordinary STRING tokens here and are
// rejected by the C++ side from one table (src/parse/reserved_words.cc).
grammar Jql;

// ---------------------------------------------------------------- parser

query : orClause? orderBy? EOF ;

orClause : andClause (OR andClause)* ;

andClause : notClause (AND notClause)* ;

notClause
    : (NOT | BANG) notClause          # negation
    | LPAREN orClause RPAREN          # group
    | terminalClause                  # terminal
    ;

terminalClause : field clauseRhs ;

// One rule for everything after the field, so a missing operator is always reported
// from here, and every decision is LL(1).
clauseRhs
    : CHANGED operand? predicate*                  # changedRhs
    | IS NOT? EMPTY predicate*                     # isRhs
    | clauseOperator operand predicate*            # operatorRhs
    ;

clauseOperator
    : EQUALS | NOT_EQUALS | LIKE | NOT_LIKE | LT | GT | LTEQ | GTEQ
    | IN | NOT IN
    | WAS NOT? IN?
    ;

predicate : predicateKeyword operand ;

predicateKeyword : AFTER | BEFORE | ON | DURING | BY | FROM | TO ;

field
    : numberValue                                 # numberField
    | stringValue fieldProperty*                  # namedField
    | customField fieldProperty*                  # customFieldRef
    ;

customField : CUSTOMFIELD LBRACKET POSNUMBER RBRACKET ;

fieldProperty : LBRACKET argument RBRACKET argument* ;

operand
    : EMPTY                                  # emptyOperand
    | functionCall                           # functionOperand
    | value                                  # valueOperand
    | list                                   # listOperand
    ;

value : stringValue | numberValue ;

functionCall : functionName LPAREN arguments? RPAREN ;

functionName : stringValue | numberValue ;

arguments : argument (COMMA argument)* ;

argument : stringValue | numberValue ;

list : LPAREN operand (COMMA operand)* RPAREN ;

orderBy : ORDER BY sortField (COMMA sortField)* ;

sortField : field (ASC | DESC)? ;

stringValue : STRING | QUOTE_STRING | SQUOTE_STRING ;

numberValue : POSNUMBER | NEGNUMBER ;

// ---------------------------------------------------------------- lexer
// Rule order matters: among matches of equal length the earlier rule wins.

LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
BANG : '!' ;
LT : '<' ;
GT : '>' ;
GTEQ : '>=' ;
LTEQ : '<=' ;
EQUALS : '=' ;
NOT_EQUALS : '!=' ;
LIKE : '~' ;
NOT_LIKE : '!~' ;

IN : I N ;
IS : I S ;
AND : A N D | '&' | '&&' ;
OR : O R | '|' | '||' ;
NOT : N O T ;
EMPTY : E M P T Y | N U L L ;
WAS : W A S ;
CHANGED : C H A N G E D ;
BEFORE : B E F O R E ;
AFTER : A F T E R ;
FROM : F R O M ;
TO : T O ;
ON : O N ;
DURING : D U R I N G ;
ORDER : O R D E R ;
BY : B Y ;
ASC : A S C ;
DESC : D E S C ;

POSNUMBER : DIGIT+ ;
NEGNUMBER : '-' DIGIT+ ;
CUSTOMFIELD : C F ;

STRING : (ESCAPE | UNQUOTED_CHAR)+ ;
QUOTE_STRING : '"' (ESCAPE | DQUOTED_CHAR)* '"' ;
SQUOTE_STRING : '\'' (ESCAPE | SQUOTED_CHAR)* '\'' ;
UNCLOSED_QUOTE_STRING : '"' (ESCAPE | DQUOTED_CHAR)* ;
UNCLOSED_SQUOTE_STRING : '\'' (ESCAPE | SQUOTED_CHAR)* ;

WS : [ \t\r\n]+ -> channel(HIDDEN) ;

ERROR_RESERVED : [{}*/%+^$#@?;] ;
ERRORCHAR : . ;

fragment ESCAPE : '\\' ( [tnr"'\\ ] | 'u' HEX HEX HEX HEX ) ;
fragment HEX : [0-9a-fA-F] ;
fragment DIGIT : [0-9] ;
// Control characters Jira refuses anywhere outside an escape are left out of every set.
fragment UNQUOTED_CHAR
    : ~[ \t\r\n\\"'=!<>()~,[\]|&{}*/%+^$#@?;\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff] ;
// Raw CR and LF are allowed inside quotes; raw TAB (U+0009) is not.
fragment DQUOTED_CHAR : ~["\\\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff] ;
fragment SQUOTED_CHAR : ~['\\\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff] ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ;
fragment O : [oO] ; fragment P : [pP] ; fragment R : [rR] ; fragment S : [sS] ;
fragment T : [tT] ; fragment U : [uU] ; fragment W : [wW] ; fragment Y : [yY] ;
