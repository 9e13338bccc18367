
// Generated from Jql.g4 by ANTLR 4.7.2

#pragma once


#include "antlr4-runtime.h"


namespace jql::internal::grammar {


class  JqlParser : public antlr4::Parser {
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

  enum {
    RuleQuery = 0, RuleOrClause = 1, RuleAndClause = 2, RuleNotClause = 3, 
    RuleTerminalClause = 4, RuleClauseRhs = 5, RuleClauseOperator = 6, RulePredicate = 7, 
    RulePredicateKeyword = 8, RuleField = 9, RuleCustomField = 10, RuleFieldProperty = 11, 
    RuleOperand = 12, RuleValue = 13, RuleFunctionCall = 14, RuleFunctionName = 15, 
    RuleArguments = 16, RuleArgument = 17, RuleList = 18, RuleOrderBy = 19, 
    RuleSortField = 20, RuleStringValue = 21, RuleNumberValue = 22
  };

  JqlParser(antlr4::TokenStream *input);
  ~JqlParser();

  virtual std::string getGrammarFileName() const override;
  virtual const antlr4::atn::ATN& getATN() const override { return _atn; };
  virtual const std::vector<std::string>& getTokenNames() const override { return _tokenNames; }; // deprecated: use vocabulary instead.
  virtual const std::vector<std::string>& getRuleNames() const override;
  virtual antlr4::dfa::Vocabulary& getVocabulary() const override;


  class QueryContext;
  class OrClauseContext;
  class AndClauseContext;
  class NotClauseContext;
  class TerminalClauseContext;
  class ClauseRhsContext;
  class ClauseOperatorContext;
  class PredicateContext;
  class PredicateKeywordContext;
  class FieldContext;
  class CustomFieldContext;
  class FieldPropertyContext;
  class OperandContext;
  class ValueContext;
  class FunctionCallContext;
  class FunctionNameContext;
  class ArgumentsContext;
  class ArgumentContext;
  class ListContext;
  class OrderByContext;
  class SortFieldContext;
  class StringValueContext;
  class NumberValueContext; 

  class  QueryContext : public antlr4::ParserRuleContext {
  public:
    QueryContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *EOF();
    OrClauseContext *orClause();
    OrderByContext *orderBy();

   
  };

  QueryContext* query();

  class  OrClauseContext : public antlr4::ParserRuleContext {
  public:
    OrClauseContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    std::vector<AndClauseContext *> andClause();
    AndClauseContext* andClause(size_t i);
    std::vector<antlr4::tree::TerminalNode *> OR();
    antlr4::tree::TerminalNode* OR(size_t i);

   
  };

  OrClauseContext* orClause();

  class  AndClauseContext : public antlr4::ParserRuleContext {
  public:
    AndClauseContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    std::vector<NotClauseContext *> notClause();
    NotClauseContext* notClause(size_t i);
    std::vector<antlr4::tree::TerminalNode *> AND();
    antlr4::tree::TerminalNode* AND(size_t i);

   
  };

  AndClauseContext* andClause();

  class  NotClauseContext : public antlr4::ParserRuleContext {
  public:
    NotClauseContext(antlr4::ParserRuleContext *parent, size_t invokingState);
   
    NotClauseContext() = default;
    void copyFrom(NotClauseContext *context);
    using antlr4::ParserRuleContext::copyFrom;

    virtual size_t getRuleIndex() const override;

   
  };

  class  NegationContext : public NotClauseContext {
  public:
    NegationContext(NotClauseContext *ctx);

    NotClauseContext *notClause();
    antlr4::tree::TerminalNode *NOT();
    antlr4::tree::TerminalNode *BANG();
  };

  class  TerminalContext : public NotClauseContext {
  public:
    TerminalContext(NotClauseContext *ctx);

    TerminalClauseContext *terminalClause();
  };

  class  GroupContext : public NotClauseContext {
  public:
    GroupContext(NotClauseContext *ctx);

    antlr4::tree::TerminalNode *LPAREN();
    OrClauseContext *orClause();
    antlr4::tree::TerminalNode *RPAREN();
  };

  NotClauseContext* notClause();

  class  TerminalClauseContext : public antlr4::ParserRuleContext {
  public:
    TerminalClauseContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    FieldContext *field();
    ClauseRhsContext *clauseRhs();

   
  };

  TerminalClauseContext* terminalClause();

  class  ClauseRhsContext : public antlr4::ParserRuleContext {
  public:
    ClauseRhsContext(antlr4::ParserRuleContext *parent, size_t invokingState);
   
    ClauseRhsContext() = default;
    void copyFrom(ClauseRhsContext *context);
    using antlr4::ParserRuleContext::copyFrom;

    virtual size_t getRuleIndex() const override;

   
  };

  class  OperatorRhsContext : public ClauseRhsContext {
  public:
    OperatorRhsContext(ClauseRhsContext *ctx);

    ClauseOperatorContext *clauseOperator();
    OperandContext *operand();
    std::vector<PredicateContext *> predicate();
    PredicateContext* predicate(size_t i);
  };

  class  ChangedRhsContext : public ClauseRhsContext {
  public:
    ChangedRhsContext(ClauseRhsContext *ctx);

    antlr4::tree::TerminalNode *CHANGED();
    OperandContext *operand();
    std::vector<PredicateContext *> predicate();
    PredicateContext* predicate(size_t i);
  };

  class  IsRhsContext : public ClauseRhsContext {
  public:
    IsRhsContext(ClauseRhsContext *ctx);

    antlr4::tree::TerminalNode *IS();
    antlr4::tree::TerminalNode *EMPTY();
    antlr4::tree::TerminalNode *NOT();
    std::vector<PredicateContext *> predicate();
    PredicateContext* predicate(size_t i);
  };

  ClauseRhsContext* clauseRhs();

  class  ClauseOperatorContext : public antlr4::ParserRuleContext {
  public:
    ClauseOperatorContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *EQUALS();
    antlr4::tree::TerminalNode *NOT_EQUALS();
    antlr4::tree::TerminalNode *LIKE();
    antlr4::tree::TerminalNode *NOT_LIKE();
    antlr4::tree::TerminalNode *LT();
    antlr4::tree::TerminalNode *GT();
    antlr4::tree::TerminalNode *LTEQ();
    antlr4::tree::TerminalNode *GTEQ();
    antlr4::tree::TerminalNode *IN();
    antlr4::tree::TerminalNode *NOT();
    antlr4::tree::TerminalNode *WAS();

   
  };

  ClauseOperatorContext* clauseOperator();

  class  PredicateContext : public antlr4::ParserRuleContext {
  public:
    PredicateContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    PredicateKeywordContext *predicateKeyword();
    OperandContext *operand();

   
  };

  PredicateContext* predicate();

  class  PredicateKeywordContext : public antlr4::ParserRuleContext {
  public:
    PredicateKeywordContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *AFTER();
    antlr4::tree::TerminalNode *BEFORE();
    antlr4::tree::TerminalNode *ON();
    antlr4::tree::TerminalNode *DURING();
    antlr4::tree::TerminalNode *BY();
    antlr4::tree::TerminalNode *FROM();
    antlr4::tree::TerminalNode *TO();

   
  };

  PredicateKeywordContext* predicateKeyword();

  class  FieldContext : public antlr4::ParserRuleContext {
  public:
    FieldContext(antlr4::ParserRuleContext *parent, size_t invokingState);
   
    FieldContext() = default;
    void copyFrom(FieldContext *context);
    using antlr4::ParserRuleContext::copyFrom;

    virtual size_t getRuleIndex() const override;

   
  };

  class  CustomFieldRefContext : public FieldContext {
  public:
    CustomFieldRefContext(FieldContext *ctx);

    CustomFieldContext *customField();
    std::vector<FieldPropertyContext *> fieldProperty();
    FieldPropertyContext* fieldProperty(size_t i);
  };

  class  NamedFieldContext : public FieldContext {
  public:
    NamedFieldContext(FieldContext *ctx);

    StringValueContext *stringValue();
    std::vector<FieldPropertyContext *> fieldProperty();
    FieldPropertyContext* fieldProperty(size_t i);
  };

  class  NumberFieldContext : public FieldContext {
  public:
    NumberFieldContext(FieldContext *ctx);

    NumberValueContext *numberValue();
  };

  FieldContext* field();

  class  CustomFieldContext : public antlr4::ParserRuleContext {
  public:
    CustomFieldContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *CUSTOMFIELD();
    antlr4::tree::TerminalNode *LBRACKET();
    antlr4::tree::TerminalNode *POSNUMBER();
    antlr4::tree::TerminalNode *RBRACKET();

   
  };

  CustomFieldContext* customField();

  class  FieldPropertyContext : public antlr4::ParserRuleContext {
  public:
    FieldPropertyContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *LBRACKET();
    std::vector<ArgumentContext *> argument();
    ArgumentContext* argument(size_t i);
    antlr4::tree::TerminalNode *RBRACKET();

   
  };

  FieldPropertyContext* fieldProperty();

  class  OperandContext : public antlr4::ParserRuleContext {
  public:
    OperandContext(antlr4::ParserRuleContext *parent, size_t invokingState);
   
    OperandContext() = default;
    void copyFrom(OperandContext *context);
    using antlr4::ParserRuleContext::copyFrom;

    virtual size_t getRuleIndex() const override;

   
  };

  class  FunctionOperandContext : public OperandContext {
  public:
    FunctionOperandContext(OperandContext *ctx);

    FunctionCallContext *functionCall();
  };

  class  ValueOperandContext : public OperandContext {
  public:
    ValueOperandContext(OperandContext *ctx);

    ValueContext *value();
  };

  class  EmptyOperandContext : public OperandContext {
  public:
    EmptyOperandContext(OperandContext *ctx);

    antlr4::tree::TerminalNode *EMPTY();
  };

  class  ListOperandContext : public OperandContext {
  public:
    ListOperandContext(OperandContext *ctx);

    ListContext *list();
  };

  OperandContext* operand();

  class  ValueContext : public antlr4::ParserRuleContext {
  public:
    ValueContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    StringValueContext *stringValue();
    NumberValueContext *numberValue();

   
  };

  ValueContext* value();

  class  FunctionCallContext : public antlr4::ParserRuleContext {
  public:
    FunctionCallContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    FunctionNameContext *functionName();
    antlr4::tree::TerminalNode *LPAREN();
    antlr4::tree::TerminalNode *RPAREN();
    ArgumentsContext *arguments();

   
  };

  FunctionCallContext* functionCall();

  class  FunctionNameContext : public antlr4::ParserRuleContext {
  public:
    FunctionNameContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    StringValueContext *stringValue();
    NumberValueContext *numberValue();

   
  };

  FunctionNameContext* functionName();

  class  ArgumentsContext : public antlr4::ParserRuleContext {
  public:
    ArgumentsContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    std::vector<ArgumentContext *> argument();
    ArgumentContext* argument(size_t i);
    std::vector<antlr4::tree::TerminalNode *> COMMA();
    antlr4::tree::TerminalNode* COMMA(size_t i);

   
  };

  ArgumentsContext* arguments();

  class  ArgumentContext : public antlr4::ParserRuleContext {
  public:
    ArgumentContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    StringValueContext *stringValue();
    NumberValueContext *numberValue();

   
  };

  ArgumentContext* argument();

  class  ListContext : public antlr4::ParserRuleContext {
  public:
    ListContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *LPAREN();
    std::vector<OperandContext *> operand();
    OperandContext* operand(size_t i);
    antlr4::tree::TerminalNode *RPAREN();
    std::vector<antlr4::tree::TerminalNode *> COMMA();
    antlr4::tree::TerminalNode* COMMA(size_t i);

   
  };

  ListContext* list();

  class  OrderByContext : public antlr4::ParserRuleContext {
  public:
    OrderByContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *ORDER();
    antlr4::tree::TerminalNode *BY();
    std::vector<SortFieldContext *> sortField();
    SortFieldContext* sortField(size_t i);
    std::vector<antlr4::tree::TerminalNode *> COMMA();
    antlr4::tree::TerminalNode* COMMA(size_t i);

   
  };

  OrderByContext* orderBy();

  class  SortFieldContext : public antlr4::ParserRuleContext {
  public:
    SortFieldContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    FieldContext *field();
    antlr4::tree::TerminalNode *ASC();
    antlr4::tree::TerminalNode *DESC();

   
  };

  SortFieldContext* sortField();

  class  StringValueContext : public antlr4::ParserRuleContext {
  public:
    StringValueContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *STRING();
    antlr4::tree::TerminalNode *QUOTE_STRING();
    antlr4::tree::TerminalNode *SQUOTE_STRING();

   
  };

  StringValueContext* stringValue();

  class  NumberValueContext : public antlr4::ParserRuleContext {
  public:
    NumberValueContext(antlr4::ParserRuleContext *parent, size_t invokingState);
    virtual size_t getRuleIndex() const override;
    antlr4::tree::TerminalNode *POSNUMBER();
    antlr4::tree::TerminalNode *NEGNUMBER();

   
  };

  NumberValueContext* numberValue();


private:
  static std::vector<antlr4::dfa::DFA> _decisionToDFA;
  static antlr4::atn::PredictionContextCache _sharedContextCache;
  static std::vector<std::string> _ruleNames;
  static std::vector<std::string> _tokenNames;

  static std::vector<std::string> _literalNames;
  static std::vector<std::string> _symbolicNames;
  static antlr4::dfa::Vocabulary _vocabulary;
  static antlr4::atn::ATN _atn;
  static std::vector<uint16_t> _serializedATN;


  struct Initializer {
    Initializer();
  };
  static Initializer _init;
};

}  // namespace jql::internal::grammar
