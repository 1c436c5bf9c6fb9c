/*
 * The Tracker query language, spec section 8.1. The parser only recognises structure; QueryTreeBuilder
 * turns the parse tree into immutable QueryNode records and QueryResolver gives them meaning.
 *
 * Arithmetic signs (decision 54) are not decided here: a '+' or '-' that starts a word is part of the
 * word, and QuerySyntax re-types it as SIGN when a valid duration follows (so "today()-1w" and
 * "today() - \"1w 1d\"" are arithmetic while "TREK-12" and "2017-01-30" stay single words).
 */
grammar TrackerQuery;

tokens { SIGN }

query
    : expression? sortClause? EOF
    ;

expression
    : conjunction (OR conjunction)*
    ;

conjunction                                     // AND binds tighter than OR; juxtaposition is AND
    : unit (AND? unit)*
    ;

unit
    : LPAREN expression RPAREN                  #grouped
    | field COLON value (COMMA value)*          #condition
    | (STRING | WORD)                           #text
    ;

field
    : STRING
    | WORD
    ;

value
    : operator? operand (RANGE operand)?
    ;

operator
    : BANG | HASH | TILDE | GT | GE | LT | LE
    ;

operand
    : atom shift*
    ;

shift
    : SIGN (STRING | WORD)
    ;

atom
    : STRING                                    #quotedAtom
    | (WORD | AND | OR)                         #wordAtom
    | FUNC (argument (COMMA? argument)*)? RPAREN  #call
    ;

argument
    : WORD COLON value
    ;

sortClause
    : SORT_BY COLON sortItem (COMMA sortItem)*
    ;

sortItem
    : field direction=WORD?
    ;

// ---- lexer ----

SORT_BY : '"' [Ss] [Oo] [Rr] [Tt] [ \t\r\n]+ [Bb] [Yy] '"' ;   // before STRING: same length, first rule wins
AND     : [Aa] [Nn] [Dd] ;
OR      : [Oo] [Rr] ;
FUNC    : [A-Za-z_] [A-Za-z0-9_]* '(' ;                       // a call needs '(' right after its name
LPAREN  : '(' ;
RPAREN  : ')' ;
COMMA   : ',' ;
COLON   : ':' ;
RANGE   : '...' | '..' ;
GE      : '>=' ;
GT      : '>' ;
LE      : '<=' ;
LT      : '<' ;
BANG    : '!' ;
HASH    : '#' ;
TILDE   : '~' ;
STRING  : '"' ( '\\' . | ~["\\] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' . | ~["\\] )* '\\'? ;      // shorter than STRING when the quote is closed
WORD    : WORD_START WORD_PART* ;
WS      : [ \t\r\n\f\u000B]+ -> channel(HIDDEN) ;
UNRECOGNIZED : . ;                                            // no character is ever dropped silently

fragment WORD_START : ~[ \t\r\n\f\u000B"(),:.!#~<>] | DOT ;
fragment WORD_PART  : ~[ \t\r\n\f\u000B"(),:.] | DOT ;
fragment DOT        : '.' {_input.LA(1) != '.'}? ;           // ".." ends a word: it is the range operator
