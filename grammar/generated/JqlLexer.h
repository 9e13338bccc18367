
// Generated from Jql.g4 by ANTLR 4.7.2

#pragma once


#include "antlr4-runtime.h"


namespace jql::internal::grammar {


class  JqlLexer : public antlr4::Lexer {
public:
  enum {
    LPAREN = 1, RPAREN = 2, COMMA = 3, LBRACKET = 4, RBRACKET = 5, BANG = 6, 
    LT = 7, GT = 8, GTEQ = 9, LTEQ = 10, EQUALS = 11, NOT_EQUALS = 12, LIKE = 13, 
    NOT_LIKE = 14, IN = 15, IS = 16, AND = 17, OR = 18, NOT = 19, EMPTY = 20, 
    WAS = 21, CHANGED = 22, BEFORE = 23, AFTER = 24, FROM = 25, TO = 26, 
    ON = 27, DURING = 28, ORDER = 29, BY = 30, ASC = 31, DESC = 32, POSNUMBER = 33, 
    NEGNUMBER = 34, CUSTOMFIELD = 35, STRING = 36, QUOTE_STRING = 37, SQUOTE_STRING = 38, 
    UNCLOSED_QUOTE_STRING = 39, UNCLOSED_SQUOTE_STRING = 40, WS = 41, ERROR_RESERVED = 42, 
    ERRORCHAR = 43
  };

  JqlLexer(antlr4::CharStream *input);
  ~JqlLexer();

  virtual std::string getGrammarFileName() const override;
  virtual const std::vector<std::string>& getRuleNames() const override;

  virtual const std::vector<std::string>& getChannelNames() const override;
  virtual const std::vector<std::string>& getModeNames() const override;
  virtual const std::vector<std::string>& getTokenNames() const override; // deprecated, use vocabulary instead
  virtual antlr4::dfa::Vocabulary& getVocabulary() const override;

  virtual const std::vector<uint16_t> getSerializedATN() const override;
  virtual const antlr4::atn::ATN& getATN() const override;

private:
  static std::vector<antlr4::dfa::DFA> _decisionToDFA;
  static antlr4::atn::PredictionContextCache _sharedContextCache;
  static std::vector<std::string> _ruleNames;
  static std::vector<std::string> _tokenNames;
  static std::vector<std::string> _channelNames;
  static std::vector<std::string> _modeNames;

  static std::vector<std::string> _literalNames;
  static std::vector<std::string> _symbolicNames;
  static antlr4::dfa::Vocabulary _vocabulary;
  static antlr4::atn::ATN _atn;
  static std::vector<uint16_t> _serializedATN;


  // Individual action functions triggered by action() above.

  // Individual semantic predicate functions triggered by sempred() above.

  struct Initializer {
    Initializer();
  };
  static Initializer _init;
};

}  // namespace jql::internal::grammar
