
// Generated from Jql.g4 by ANTLR 4.7.2



#include "JqlParser.h"


using namespace antlrcpp;
using namespace jql::internal::grammar;
using namespace antlr4;

JqlParser::JqlParser(TokenStream *input) : Parser(input) {
  _interpreter = new atn::ParserATNSimulator(this, _atn, _decisionToDFA, _sharedContextCache);
}

JqlParser::~JqlParser() {
  delete _interpreter;
}

std::string JqlParser::getGrammarFileName() const {
  return "Jql.g4";
}

const std::vector<std::string>& JqlParser::getRuleNames() const {
  return _ruleNames;
}

dfa::Vocabulary& JqlParser::getVocabulary() const {
  return _vocabulary;
}


//----------------- QueryContext ------------------------------------------------------------------

JqlParser::QueryContext::QueryContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::QueryContext::EOF() {
  return getToken(JqlParser::EOF, 0);
}

JqlParser::OrClauseContext* JqlParser::QueryContext::orClause() {
  return getRuleContext<JqlParser::OrClauseContext>(0);
}

JqlParser::OrderByContext* JqlParser::QueryContext::orderBy() {
  return getRuleContext<JqlParser::OrderByContext>(0);
}


size_t JqlParser::QueryContext::getRuleIndex() const {
  return JqlParser::RuleQuery;
}


JqlParser::QueryContext* JqlParser::query() {
  QueryContext *_localctx = _tracker.createInstance<QueryContext>(_ctx, getState());
  enterRule(_localctx, 0, JqlParser::RuleQuery);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(47);
    _errHandler->sync(this);

    _la = _input->LA(1);
    if ((((_la & ~ 0x3fULL) == 0) &&
      ((1ULL << _la) & ((1ULL << JqlParser::LPAREN)
      | (1ULL << JqlParser::BANG)
      | (1ULL << JqlParser::NOT)
      | (1ULL << JqlParser::POSNUMBER)
      | (1ULL << JqlParser::NEGNUMBER)
      | (1ULL << JqlParser::CUSTOMFIELD)
      | (1ULL << JqlParser::STRING)
      | (1ULL << JqlParser::QUOTE_STRING)
      | (1ULL << JqlParser::SQUOTE_STRING))) != 0)) {
      setState(46);
      orClause();
    }
    setState(50);
    _errHandler->sync(this);

    _la = _input->LA(1);
    if (_la == JqlParser::ORDER) {
      setState(49);
      orderBy();
    }
    setState(52);
    match(JqlParser::EOF);
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- OrClauseContext ------------------------------------------------------------------

JqlParser::OrClauseContext::OrClauseContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

std::vector<JqlParser::AndClauseContext *> JqlParser::OrClauseContext::andClause() {
  return getRuleContexts<JqlParser::AndClauseContext>();
}

JqlParser::AndClauseContext* JqlParser::OrClauseContext::andClause(size_t i) {
  return getRuleContext<JqlParser::AndClauseContext>(i);
}

std::vector<tree::TerminalNode *> JqlParser::OrClauseContext::OR() {
  return getTokens(JqlParser::OR);
}

tree::TerminalNode* JqlParser::OrClauseContext::OR(size_t i) {
  return getToken(JqlParser::OR, i);
}


size_t JqlParser::OrClauseContext::getRuleIndex() const {
  return JqlParser::RuleOrClause;
}


JqlParser::OrClauseContext* JqlParser::orClause() {
  OrClauseContext *_localctx = _tracker.createInstance<OrClauseContext>(_ctx, getState());
  enterRule(_localctx, 2, JqlParser::RuleOrClause);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(54);
    andClause();
    setState(59);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while (_la == JqlParser::OR) {
      setState(55);
      match(JqlParser::OR);
      setState(56);
      andClause();
      setState(61);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- AndClauseContext ------------------------------------------------------------------

JqlParser::AndClauseContext::AndClauseContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

std::vector<JqlParser::NotClauseContext *> JqlParser::AndClauseContext::notClause() {
  return getRuleContexts<JqlParser::NotClauseContext>();
}

JqlParser::NotClauseContext* JqlParser::AndClauseContext::notClause(size_t i) {
  return getRuleContext<JqlParser::NotClauseContext>(i);
}

std::vector<tree::TerminalNode *> JqlParser::AndClauseContext::AND() {
  return getTokens(JqlParser::AND);
}

tree::TerminalNode* JqlParser::AndClauseContext::AND(size_t i) {
  return getToken(JqlParser::AND, i);
}


size_t JqlParser::AndClauseContext::getRuleIndex() const {
  return JqlParser::RuleAndClause;
}


JqlParser::AndClauseContext* JqlParser::andClause() {
  AndClauseContext *_localctx = _tracker.createInstance<AndClauseContext>(_ctx, getState());
  enterRule(_localctx, 4, JqlParser::RuleAndClause);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(62);
    notClause();
    setState(67);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while (_la == JqlParser::AND) {
      setState(63);
      match(JqlParser::AND);
      setState(64);
      notClause();
      setState(69);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- NotClauseContext ------------------------------------------------------------------

JqlParser::NotClauseContext::NotClauseContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}


size_t JqlParser::NotClauseContext::getRuleIndex() const {
  return JqlParser::RuleNotClause;
}

void JqlParser::NotClauseContext::copyFrom(NotClauseContext *ctx) {
  ParserRuleContext::copyFrom(ctx);
}

//----------------- NegationContext ------------------------------------------------------------------

JqlParser::NotClauseContext* JqlParser::NegationContext::notClause() {
  return getRuleContext<JqlParser::NotClauseContext>(0);
}

tree::TerminalNode* JqlParser::NegationContext::NOT() {
  return getToken(JqlParser::NOT, 0);
}

tree::TerminalNode* JqlParser::NegationContext::BANG() {
  return getToken(JqlParser::BANG, 0);
}

JqlParser::NegationContext::NegationContext(NotClauseContext *ctx) { copyFrom(ctx); }


//----------------- TerminalContext ------------------------------------------------------------------

JqlParser::TerminalClauseContext* JqlParser::TerminalContext::terminalClause() {
  return getRuleContext<JqlParser::TerminalClauseContext>(0);
}

JqlParser::TerminalContext::TerminalContext(NotClauseContext *ctx) { copyFrom(ctx); }


//----------------- GroupContext ------------------------------------------------------------------

tree::TerminalNode* JqlParser::GroupContext::LPAREN() {
  return getToken(JqlParser::LPAREN, 0);
}

JqlParser::OrClauseContext* JqlParser::GroupContext::orClause() {
  return getRuleContext<JqlParser::OrClauseContext>(0);
}

tree::TerminalNode* JqlParser::GroupContext::RPAREN() {
  return getToken(JqlParser::RPAREN, 0);
}

JqlParser::GroupContext::GroupContext(NotClauseContext *ctx) { copyFrom(ctx); }


JqlParser::NotClauseContext* JqlParser::notClause() {
  NotClauseContext *_localctx = _tracker.createInstance<NotClauseContext>(_ctx, getState());
  enterRule(_localctx, 6, JqlParser::RuleNotClause);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(77);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::BANG:
      case JqlParser::NOT: {
        _localctx = dynamic_cast<NotClauseContext *>(_tracker.createInstance<JqlParser::NegationContext>(_localctx));
        enterOuterAlt(_localctx, 1);
        setState(70);
        _la = _input->LA(1);
        if (!(_la == JqlParser::BANG

        || _la == JqlParser::NOT)) {
        _errHandler->recoverInline(this);
        }
        else {
          _errHandler->reportMatch(this);
          consume();
        }
        setState(71);
        notClause();
        break;
      }

      case JqlParser::LPAREN: {
        _localctx = dynamic_cast<NotClauseContext *>(_tracker.createInstance<JqlParser::GroupContext>(_localctx));
        enterOuterAlt(_localctx, 2);
        setState(72);
        match(JqlParser::LPAREN);
        setState(73);
        orClause();
        setState(74);
        match(JqlParser::RPAREN);
        break;
      }

      case JqlParser::POSNUMBER:
      case JqlParser::NEGNUMBER:
      case JqlParser::CUSTOMFIELD:
      case JqlParser::STRING:
      case JqlParser::QUOTE_STRING:
      case JqlParser::SQUOTE_STRING: {
        _localctx = dynamic_cast<NotClauseContext *>(_tracker.createInstance<JqlParser::TerminalContext>(_localctx));
        enterOuterAlt(_localctx, 3);
        setState(76);
        terminalClause();
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- TerminalClauseContext ------------------------------------------------------------------

JqlParser::TerminalClauseContext::TerminalClauseContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::FieldContext* JqlParser::TerminalClauseContext::field() {
  return getRuleContext<JqlParser::FieldContext>(0);
}

JqlParser::ClauseRhsContext* JqlParser::TerminalClauseContext::clauseRhs() {
  return getRuleContext<JqlParser::ClauseRhsContext>(0);
}


size_t JqlParser::TerminalClauseContext::getRuleIndex() const {
  return JqlParser::RuleTerminalClause;
}


JqlParser::TerminalClauseContext* JqlParser::terminalClause() {
  TerminalClauseContext *_localctx = _tracker.createInstance<TerminalClauseContext>(_ctx, getState());
  enterRule(_localctx, 8, JqlParser::RuleTerminalClause);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(79);
    field();
    setState(80);
    clauseRhs();
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ClauseRhsContext ------------------------------------------------------------------

JqlParser::ClauseRhsContext::ClauseRhsContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}


size_t JqlParser::ClauseRhsContext::getRuleIndex() const {
  return JqlParser::RuleClauseRhs;
}

void JqlParser::ClauseRhsContext::copyFrom(ClauseRhsContext *ctx) {
  ParserRuleContext::copyFrom(ctx);
}

//----------------- OperatorRhsContext ------------------------------------------------------------------

JqlParser::ClauseOperatorContext* JqlParser::OperatorRhsContext::clauseOperator() {
  return getRuleContext<JqlParser::ClauseOperatorContext>(0);
}

JqlParser::OperandContext* JqlParser::OperatorRhsContext::operand() {
  return getRuleContext<JqlParser::OperandContext>(0);
}

std::vector<JqlParser::PredicateContext *> JqlParser::OperatorRhsContext::predicate() {
  return getRuleContexts<JqlParser::PredicateContext>();
}

JqlParser::PredicateContext* JqlParser::OperatorRhsContext::predicate(size_t i) {
  return getRuleContext<JqlParser::PredicateContext>(i);
}

JqlParser::OperatorRhsContext::OperatorRhsContext(ClauseRhsContext *ctx) { copyFrom(ctx); }


//----------------- ChangedRhsContext ------------------------------------------------------------------

tree::TerminalNode* JqlParser::ChangedRhsContext::CHANGED() {
  return getToken(JqlParser::CHANGED, 0);
}

JqlParser::OperandContext* JqlParser::ChangedRhsContext::operand() {
  return getRuleContext<JqlParser::OperandContext>(0);
}

std::vector<JqlParser::PredicateContext *> JqlParser::ChangedRhsContext::predicate() {
  return getRuleContexts<JqlParser::PredicateContext>();
}

JqlParser::PredicateContext* JqlParser::ChangedRhsContext::predicate(size_t i) {
  return getRuleContext<JqlParser::PredicateContext>(i);
}

JqlParser::ChangedRhsContext::ChangedRhsContext(ClauseRhsContext *ctx) { copyFrom(ctx); }


//----------------- IsRhsContext ------------------------------------------------------------------

tree::TerminalNode* JqlParser::IsRhsContext::IS() {
  return getToken(JqlParser::IS, 0);
}

tree::TerminalNode* JqlParser::IsRhsContext::EMPTY() {
  return getToken(JqlParser::EMPTY, 0);
}

tree::TerminalNode* JqlParser::IsRhsContext::NOT() {
  return getToken(JqlParser::NOT, 0);
}

std::vector<JqlParser::PredicateContext *> JqlParser::IsRhsContext::predicate() {
  return getRuleContexts<JqlParser::PredicateContext>();
}

JqlParser::PredicateContext* JqlParser::IsRhsContext::predicate(size_t i) {
  return getRuleContext<JqlParser::PredicateContext>(i);
}

JqlParser::IsRhsContext::IsRhsContext(ClauseRhsContext *ctx) { copyFrom(ctx); }


JqlParser::ClauseRhsContext* JqlParser::clauseRhs() {
  ClauseRhsContext *_localctx = _tracker.createInstance<ClauseRhsContext>(_ctx, getState());
  enterRule(_localctx, 10, JqlParser::RuleClauseRhs);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(111);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::CHANGED: {
        _localctx = dynamic_cast<ClauseRhsContext *>(_tracker.createInstance<JqlParser::ChangedRhsContext>(_localctx));
        enterOuterAlt(_localctx, 1);
        setState(82);
        match(JqlParser::CHANGED);
        setState(84);
        _errHandler->sync(this);

        _la = _input->LA(1);
        if ((((_la & ~ 0x3fULL) == 0) &&
          ((1ULL << _la) & ((1ULL << JqlParser::LPAREN)
          | (1ULL << JqlParser::EMPTY)
          | (1ULL << JqlParser::POSNUMBER)
          | (1ULL << JqlParser::NEGNUMBER)
          | (1ULL << JqlParser::STRING)
          | (1ULL << JqlParser::QUOTE_STRING)
          | (1ULL << JqlParser::SQUOTE_STRING))) != 0)) {
          setState(83);
          operand();
        }
        setState(89);
        _errHandler->sync(this);
        _la = _input->LA(1);
        while ((((_la & ~ 0x3fULL) == 0) &&
          ((1ULL << _la) & ((1ULL << JqlParser::BEFORE)
          | (1ULL << JqlParser::AFTER)
          | (1ULL << JqlParser::FROM)
          | (1ULL << JqlParser::TO)
          | (1ULL << JqlParser::ON)
          | (1ULL << JqlParser::DURING)
          | (1ULL << JqlParser::BY))) != 0)) {
          setState(86);
          predicate();
          setState(91);
          _errHandler->sync(this);
          _la = _input->LA(1);
        }
        break;
      }

      case JqlParser::IS: {
        _localctx = dynamic_cast<ClauseRhsContext *>(_tracker.createInstance<JqlParser::IsRhsContext>(_localctx));
        enterOuterAlt(_localctx, 2);
        setState(92);
        match(JqlParser::IS);
        setState(94);
        _errHandler->sync(this);

        _la = _input->LA(1);
        if (_la == JqlParser::NOT) {
          setState(93);
          match(JqlParser::NOT);
        }
        setState(96);
        match(JqlParser::EMPTY);
        setState(100);
        _errHandler->sync(this);
        _la = _input->LA(1);
        while ((((_la & ~ 0x3fULL) == 0) &&
          ((1ULL << _la) & ((1ULL << JqlParser::BEFORE)
          | (1ULL << JqlParser::AFTER)
          | (1ULL << JqlParser::FROM)
          | (1ULL << JqlParser::TO)
          | (1ULL << JqlParser::ON)
          | (1ULL << JqlParser::DURING)
          | (1ULL << JqlParser::BY))) != 0)) {
          setState(97);
          predicate();
          setState(102);
          _errHandler->sync(this);
          _la = _input->LA(1);
        }
        break;
      }

      case JqlParser::LT:
      case JqlParser::GT:
      case JqlParser::GTEQ:
      case JqlParser::LTEQ:
      case JqlParser::EQUALS:
      case JqlParser::NOT_EQUALS:
      case JqlParser::LIKE:
      case JqlParser::NOT_LIKE:
      case JqlParser::IN:
      case JqlParser::NOT:
      case JqlParser::WAS: {
        _localctx = dynamic_cast<ClauseRhsContext *>(_tracker.createInstance<JqlParser::OperatorRhsContext>(_localctx));
        enterOuterAlt(_localctx, 3);
        setState(103);
        clauseOperator();
        setState(104);
        operand();
        setState(108);
        _errHandler->sync(this);
        _la = _input->LA(1);
        while ((((_la & ~ 0x3fULL) == 0) &&
          ((1ULL << _la) & ((1ULL << JqlParser::BEFORE)
          | (1ULL << JqlParser::AFTER)
          | (1ULL << JqlParser::FROM)
          | (1ULL << JqlParser::TO)
          | (1ULL << JqlParser::ON)
          | (1ULL << JqlParser::DURING)
          | (1ULL << JqlParser::BY))) != 0)) {
          setState(105);
          predicate();
          setState(110);
          _errHandler->sync(this);
          _la = _input->LA(1);
        }
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ClauseOperatorContext ------------------------------------------------------------------

JqlParser::ClauseOperatorContext::ClauseOperatorContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::EQUALS() {
  return getToken(JqlParser::EQUALS, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::NOT_EQUALS() {
  return getToken(JqlParser::NOT_EQUALS, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::LIKE() {
  return getToken(JqlParser::LIKE, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::NOT_LIKE() {
  return getToken(JqlParser::NOT_LIKE, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::LT() {
  return getToken(JqlParser::LT, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::GT() {
  return getToken(JqlParser::GT, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::LTEQ() {
  return getToken(JqlParser::LTEQ, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::GTEQ() {
  return getToken(JqlParser::GTEQ, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::IN() {
  return getToken(JqlParser::IN, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::NOT() {
  return getToken(JqlParser::NOT, 0);
}

tree::TerminalNode* JqlParser::ClauseOperatorContext::WAS() {
  return getToken(JqlParser::WAS, 0);
}


size_t JqlParser::ClauseOperatorContext::getRuleIndex() const {
  return JqlParser::RuleClauseOperator;
}


JqlParser::ClauseOperatorContext* JqlParser::clauseOperator() {
  ClauseOperatorContext *_localctx = _tracker.createInstance<ClauseOperatorContext>(_ctx, getState());
  enterRule(_localctx, 12, JqlParser::RuleClauseOperator);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(131);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::EQUALS: {
        enterOuterAlt(_localctx, 1);
        setState(113);
        match(JqlParser::EQUALS);
        break;
      }

      case JqlParser::NOT_EQUALS: {
        enterOuterAlt(_localctx, 2);
        setState(114);
        match(JqlParser::NOT_EQUALS);
        break;
      }

      case JqlParser::LIKE: {
        enterOuterAlt(_localctx, 3);
        setState(115);
        match(JqlParser::LIKE);
        break;
      }

      case JqlParser::NOT_LIKE: {
        enterOuterAlt(_localctx, 4);
        setState(116);
        match(JqlParser::NOT_LIKE);
        break;
      }

      case JqlParser::LT: {
        enterOuterAlt(_localctx, 5);
        setState(117);
        match(JqlParser::LT);
        break;
      }

      case JqlParser::GT: {
        enterOuterAlt(_localctx, 6);
        setState(118);
        match(JqlParser::GT);
        break;
      }

      case JqlParser::LTEQ: {
        enterOuterAlt(_localctx, 7);
        setState(119);
        match(JqlParser::LTEQ);
        break;
      }

      case JqlParser::GTEQ: {
        enterOuterAlt(_localctx, 8);
        setState(120);
        match(JqlParser::GTEQ);
        break;
      }

      case JqlParser::IN: {
        enterOuterAlt(_localctx, 9);
        setState(121);
        match(JqlParser::IN);
        break;
      }

      case JqlParser::NOT: {
        enterOuterAlt(_localctx, 10);
        setState(122);
        match(JqlParser::NOT);
        setState(123);
        match(JqlParser::IN);
        break;
      }

      case JqlParser::WAS: {
        enterOuterAlt(_localctx, 11);
        setState(124);
        match(JqlParser::WAS);
        setState(126);
        _errHandler->sync(this);

        _la = _input->LA(1);
        if (_la == JqlParser::NOT) {
          setState(125);
          match(JqlParser::NOT);
        }
        setState(129);
        _errHandler->sync(this);

        _la = _input->LA(1);
        if (_la == JqlParser::IN) {
          setState(128);
          match(JqlParser::IN);
        }
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- PredicateContext ------------------------------------------------------------------

JqlParser::PredicateContext::PredicateContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::PredicateKeywordContext* JqlParser::PredicateContext::predicateKeyword() {
  return getRuleContext<JqlParser::PredicateKeywordContext>(0);
}

JqlParser::OperandContext* JqlParser::PredicateContext::operand() {
  return getRuleContext<JqlParser::OperandContext>(0);
}


size_t JqlParser::PredicateContext::getRuleIndex() const {
  return JqlParser::RulePredicate;
}


JqlParser::PredicateContext* JqlParser::predicate() {
  PredicateContext *_localctx = _tracker.createInstance<PredicateContext>(_ctx, getState());
  enterRule(_localctx, 14, JqlParser::RulePredicate);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(133);
    predicateKeyword();
    setState(134);
    operand();
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- PredicateKeywordContext ------------------------------------------------------------------

JqlParser::PredicateKeywordContext::PredicateKeywordContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::AFTER() {
  return getToken(JqlParser::AFTER, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::BEFORE() {
  return getToken(JqlParser::BEFORE, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::ON() {
  return getToken(JqlParser::ON, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::DURING() {
  return getToken(JqlParser::DURING, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::BY() {
  return getToken(JqlParser::BY, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::FROM() {
  return getToken(JqlParser::FROM, 0);
}

tree::TerminalNode* JqlParser::PredicateKeywordContext::TO() {
  return getToken(JqlParser::TO, 0);
}


size_t JqlParser::PredicateKeywordContext::getRuleIndex() const {
  return JqlParser::RulePredicateKeyword;
}


JqlParser::PredicateKeywordContext* JqlParser::predicateKeyword() {
  PredicateKeywordContext *_localctx = _tracker.createInstance<PredicateKeywordContext>(_ctx, getState());
  enterRule(_localctx, 16, JqlParser::RulePredicateKeyword);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(136);
    _la = _input->LA(1);
    if (!((((_la & ~ 0x3fULL) == 0) &&
      ((1ULL << _la) & ((1ULL << JqlParser::BEFORE)
      | (1ULL << JqlParser::AFTER)
      | (1ULL << JqlParser::FROM)
      | (1ULL << JqlParser::TO)
      | (1ULL << JqlParser::ON)
      | (1ULL << JqlParser::DURING)
      | (1ULL << JqlParser::BY))) != 0))) {
    _errHandler->recoverInline(this);
    }
    else {
      _errHandler->reportMatch(this);
      consume();
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- FieldContext ------------------------------------------------------------------

JqlParser::FieldContext::FieldContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}


size_t JqlParser::FieldContext::getRuleIndex() const {
  return JqlParser::RuleField;
}

void JqlParser::FieldContext::copyFrom(FieldContext *ctx) {
  ParserRuleContext::copyFrom(ctx);
}

//----------------- CustomFieldRefContext ------------------------------------------------------------------

JqlParser::CustomFieldContext* JqlParser::CustomFieldRefContext::customField() {
  return getRuleContext<JqlParser::CustomFieldContext>(0);
}

std::vector<JqlParser::FieldPropertyContext *> JqlParser::CustomFieldRefContext::fieldProperty() {
  return getRuleContexts<JqlParser::FieldPropertyContext>();
}

JqlParser::FieldPropertyContext* JqlParser::CustomFieldRefContext::fieldProperty(size_t i) {
  return getRuleContext<JqlParser::FieldPropertyContext>(i);
}

JqlParser::CustomFieldRefContext::CustomFieldRefContext(FieldContext *ctx) { copyFrom(ctx); }


//----------------- NamedFieldContext ------------------------------------------------------------------

JqlParser::StringValueContext* JqlParser::NamedFieldContext::stringValue() {
  return getRuleContext<JqlParser::StringValueContext>(0);
}

std::vector<JqlParser::FieldPropertyContext *> JqlParser::NamedFieldContext::fieldProperty() {
  return getRuleContexts<JqlParser::FieldPropertyContext>();
}

JqlParser::FieldPropertyContext* JqlParser::NamedFieldContext::fieldProperty(size_t i) {
  return getRuleContext<JqlParser::FieldPropertyContext>(i);
}

JqlParser::NamedFieldContext::NamedFieldContext(FieldContext *ctx) { copyFrom(ctx); }


//----------------- NumberFieldContext ------------------------------------------------------------------

JqlParser::NumberValueContext* JqlParser::NumberFieldContext::numberValue() {
  return getRuleContext<JqlParser::NumberValueContext>(0);
}

JqlParser::NumberFieldContext::NumberFieldContext(FieldContext *ctx) { copyFrom(ctx); }


JqlParser::FieldContext* JqlParser::field() {
  FieldContext *_localctx = _tracker.createInstance<FieldContext>(_ctx, getState());
  enterRule(_localctx, 18, JqlParser::RuleField);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(153);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::POSNUMBER:
      case JqlParser::NEGNUMBER: {
        _localctx = dynamic_cast<FieldContext *>(_tracker.createInstance<JqlParser::NumberFieldContext>(_localctx));
        enterOuterAlt(_localctx, 1);
        setState(138);
        numberValue();
        break;
      }

      case JqlParser::STRING:
      case JqlParser::QUOTE_STRING:
      case JqlParser::SQUOTE_STRING: {
        _localctx = dynamic_cast<FieldContext *>(_tracker.createInstance<JqlParser::NamedFieldContext>(_localctx));
        enterOuterAlt(_localctx, 2);
        setState(139);
        stringValue();
        setState(143);
        _errHandler->sync(this);
        _la = _input->LA(1);
        while (_la == JqlParser::LBRACKET) {
          setState(140);
          fieldProperty();
          setState(145);
          _errHandler->sync(this);
          _la = _input->LA(1);
        }
        break;
      }

      case JqlParser::CUSTOMFIELD: {
        _localctx = dynamic_cast<FieldContext *>(_tracker.createInstance<JqlParser::CustomFieldRefContext>(_localctx));
        enterOuterAlt(_localctx, 3);
        setState(146);
        customField();
        setState(150);
        _errHandler->sync(this);
        _la = _input->LA(1);
        while (_la == JqlParser::LBRACKET) {
          setState(147);
          fieldProperty();
          setState(152);
          _errHandler->sync(this);
          _la = _input->LA(1);
        }
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- CustomFieldContext ------------------------------------------------------------------

JqlParser::CustomFieldContext::CustomFieldContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::CustomFieldContext::CUSTOMFIELD() {
  return getToken(JqlParser::CUSTOMFIELD, 0);
}

tree::TerminalNode* JqlParser::CustomFieldContext::LBRACKET() {
  return getToken(JqlParser::LBRACKET, 0);
}

tree::TerminalNode* JqlParser::CustomFieldContext::POSNUMBER() {
  return getToken(JqlParser::POSNUMBER, 0);
}

tree::TerminalNode* JqlParser::CustomFieldContext::RBRACKET() {
  return getToken(JqlParser::RBRACKET, 0);
}


size_t JqlParser::CustomFieldContext::getRuleIndex() const {
  return JqlParser::RuleCustomField;
}


JqlParser::CustomFieldContext* JqlParser::customField() {
  CustomFieldContext *_localctx = _tracker.createInstance<CustomFieldContext>(_ctx, getState());
  enterRule(_localctx, 20, JqlParser::RuleCustomField);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(155);
    match(JqlParser::CUSTOMFIELD);
    setState(156);
    match(JqlParser::LBRACKET);
    setState(157);
    match(JqlParser::POSNUMBER);
    setState(158);
    match(JqlParser::RBRACKET);
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- FieldPropertyContext ------------------------------------------------------------------

JqlParser::FieldPropertyContext::FieldPropertyContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::FieldPropertyContext::LBRACKET() {
  return getToken(JqlParser::LBRACKET, 0);
}

std::vector<JqlParser::ArgumentContext *> JqlParser::FieldPropertyContext::argument() {
  return getRuleContexts<JqlParser::ArgumentContext>();
}

JqlParser::ArgumentContext* JqlParser::FieldPropertyContext::argument(size_t i) {
  return getRuleContext<JqlParser::ArgumentContext>(i);
}

tree::TerminalNode* JqlParser::FieldPropertyContext::RBRACKET() {
  return getToken(JqlParser::RBRACKET, 0);
}


size_t JqlParser::FieldPropertyContext::getRuleIndex() const {
  return JqlParser::RuleFieldProperty;
}


JqlParser::FieldPropertyContext* JqlParser::fieldProperty() {
  FieldPropertyContext *_localctx = _tracker.createInstance<FieldPropertyContext>(_ctx, getState());
  enterRule(_localctx, 22, JqlParser::RuleFieldProperty);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(160);
    match(JqlParser::LBRACKET);
    setState(161);
    argument();
    setState(162);
    match(JqlParser::RBRACKET);
    setState(166);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while ((((_la & ~ 0x3fULL) == 0) &&
      ((1ULL << _la) & ((1ULL << JqlParser::POSNUMBER)
      | (1ULL << JqlParser::NEGNUMBER)
      | (1ULL << JqlParser::STRING)
      | (1ULL << JqlParser::QUOTE_STRING)
      | (1ULL << JqlParser::SQUOTE_STRING))) != 0)) {
      setState(163);
      argument();
      setState(168);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- OperandContext ------------------------------------------------------------------

JqlParser::OperandContext::OperandContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}


size_t JqlParser::OperandContext::getRuleIndex() const {
  return JqlParser::RuleOperand;
}

void JqlParser::OperandContext::copyFrom(OperandContext *ctx) {
  ParserRuleContext::copyFrom(ctx);
}

//----------------- FunctionOperandContext ------------------------------------------------------------------

JqlParser::FunctionCallContext* JqlParser::FunctionOperandContext::functionCall() {
  return getRuleContext<JqlParser::FunctionCallContext>(0);
}

JqlParser::FunctionOperandContext::FunctionOperandContext(OperandContext *ctx) { copyFrom(ctx); }


//----------------- ValueOperandContext ------------------------------------------------------------------

JqlParser::ValueContext* JqlParser::ValueOperandContext::value() {
  return getRuleContext<JqlParser::ValueContext>(0);
}

JqlParser::ValueOperandContext::ValueOperandContext(OperandContext *ctx) { copyFrom(ctx); }


//----------------- EmptyOperandContext ------------------------------------------------------------------

tree::TerminalNode* JqlParser::EmptyOperandContext::EMPTY() {
  return getToken(JqlParser::EMPTY, 0);
}

JqlParser::EmptyOperandContext::EmptyOperandContext(OperandContext *ctx) { copyFrom(ctx); }


//----------------- ListOperandContext ------------------------------------------------------------------

JqlParser::ListContext* JqlParser::ListOperandContext::list() {
  return getRuleContext<JqlParser::ListContext>(0);
}

JqlParser::ListOperandContext::ListOperandContext(OperandContext *ctx) { copyFrom(ctx); }


JqlParser::OperandContext* JqlParser::operand() {
  OperandContext *_localctx = _tracker.createInstance<OperandContext>(_ctx, getState());
  enterRule(_localctx, 24, JqlParser::RuleOperand);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(173);
    _errHandler->sync(this);
    switch (getInterpreter<atn::ParserATNSimulator>()->adaptivePredict(_input, 18, _ctx)) {
    case 1: {
      _localctx = dynamic_cast<OperandContext *>(_tracker.createInstance<JqlParser::EmptyOperandContext>(_localctx));
      enterOuterAlt(_localctx, 1);
      setState(169);
      match(JqlParser::EMPTY);
      break;
    }

    case 2: {
      _localctx = dynamic_cast<OperandContext *>(_tracker.createInstance<JqlParser::FunctionOperandContext>(_localctx));
      enterOuterAlt(_localctx, 2);
      setState(170);
      functionCall();
      break;
    }

    case 3: {
      _localctx = dynamic_cast<OperandContext *>(_tracker.createInstance<JqlParser::ValueOperandContext>(_localctx));
      enterOuterAlt(_localctx, 3);
      setState(171);
      value();
      break;
    }

    case 4: {
      _localctx = dynamic_cast<OperandContext *>(_tracker.createInstance<JqlParser::ListOperandContext>(_localctx));
      enterOuterAlt(_localctx, 4);
      setState(172);
      list();
      break;
    }

    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ValueContext ------------------------------------------------------------------

JqlParser::ValueContext::ValueContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::StringValueContext* JqlParser::ValueContext::stringValue() {
  return getRuleContext<JqlParser::StringValueContext>(0);
}

JqlParser::NumberValueContext* JqlParser::ValueContext::numberValue() {
  return getRuleContext<JqlParser::NumberValueContext>(0);
}


size_t JqlParser::ValueContext::getRuleIndex() const {
  return JqlParser::RuleValue;
}


JqlParser::ValueContext* JqlParser::value() {
  ValueContext *_localctx = _tracker.createInstance<ValueContext>(_ctx, getState());
  enterRule(_localctx, 26, JqlParser::RuleValue);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(177);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::STRING:
      case JqlParser::QUOTE_STRING:
      case JqlParser::SQUOTE_STRING: {
        enterOuterAlt(_localctx, 1);
        setState(175);
        stringValue();
        break;
      }

      case JqlParser::POSNUMBER:
      case JqlParser::NEGNUMBER: {
        enterOuterAlt(_localctx, 2);
        setState(176);
        numberValue();
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- FunctionCallContext ------------------------------------------------------------------

JqlParser::FunctionCallContext::FunctionCallContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::FunctionNameContext* JqlParser::FunctionCallContext::functionName() {
  return getRuleContext<JqlParser::FunctionNameContext>(0);
}

tree::TerminalNode* JqlParser::FunctionCallContext::LPAREN() {
  return getToken(JqlParser::LPAREN, 0);
}

tree::TerminalNode* JqlParser::FunctionCallContext::RPAREN() {
  return getToken(JqlParser::RPAREN, 0);
}

JqlParser::ArgumentsContext* JqlParser::FunctionCallContext::arguments() {
  return getRuleContext<JqlParser::ArgumentsContext>(0);
}


size_t JqlParser::FunctionCallContext::getRuleIndex() const {
  return JqlParser::RuleFunctionCall;
}


JqlParser::FunctionCallContext* JqlParser::functionCall() {
  FunctionCallContext *_localctx = _tracker.createInstance<FunctionCallContext>(_ctx, getState());
  enterRule(_localctx, 28, JqlParser::RuleFunctionCall);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(179);
    functionName();
    setState(180);
    match(JqlParser::LPAREN);
    setState(182);
    _errHandler->sync(this);

    _la = _input->LA(1);
    if ((((_la & ~ 0x3fULL) == 0) &&
      ((1ULL << _la) & ((1ULL << JqlParser::POSNUMBER)
      | (1ULL << JqlParser::NEGNUMBER)
      | (1ULL << JqlParser::STRING)
      | (1ULL << JqlParser::QUOTE_STRING)
      | (1ULL << JqlParser::SQUOTE_STRING))) != 0)) {
      setState(181);
      arguments();
    }
    setState(184);
    match(JqlParser::RPAREN);
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- FunctionNameContext ------------------------------------------------------------------

JqlParser::FunctionNameContext::FunctionNameContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::StringValueContext* JqlParser::FunctionNameContext::stringValue() {
  return getRuleContext<JqlParser::StringValueContext>(0);
}

JqlParser::NumberValueContext* JqlParser::FunctionNameContext::numberValue() {
  return getRuleContext<JqlParser::NumberValueContext>(0);
}


size_t JqlParser::FunctionNameContext::getRuleIndex() const {
  return JqlParser::RuleFunctionName;
}


JqlParser::FunctionNameContext* JqlParser::functionName() {
  FunctionNameContext *_localctx = _tracker.createInstance<FunctionNameContext>(_ctx, getState());
  enterRule(_localctx, 30, JqlParser::RuleFunctionName);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(188);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::STRING:
      case JqlParser::QUOTE_STRING:
      case JqlParser::SQUOTE_STRING: {
        enterOuterAlt(_localctx, 1);
        setState(186);
        stringValue();
        break;
      }

      case JqlParser::POSNUMBER:
      case JqlParser::NEGNUMBER: {
        enterOuterAlt(_localctx, 2);
        setState(187);
        numberValue();
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ArgumentsContext ------------------------------------------------------------------

JqlParser::ArgumentsContext::ArgumentsContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

std::vector<JqlParser::ArgumentContext *> JqlParser::ArgumentsContext::argument() {
  return getRuleContexts<JqlParser::ArgumentContext>();
}

JqlParser::ArgumentContext* JqlParser::ArgumentsContext::argument(size_t i) {
  return getRuleContext<JqlParser::ArgumentContext>(i);
}

std::vector<tree::TerminalNode *> JqlParser::ArgumentsContext::COMMA() {
  return getTokens(JqlParser::COMMA);
}

tree::TerminalNode* JqlParser::ArgumentsContext::COMMA(size_t i) {
  return getToken(JqlParser::COMMA, i);
}


size_t JqlParser::ArgumentsContext::getRuleIndex() const {
  return JqlParser::RuleArguments;
}


JqlParser::ArgumentsContext* JqlParser::arguments() {
  ArgumentsContext *_localctx = _tracker.createInstance<ArgumentsContext>(_ctx, getState());
  enterRule(_localctx, 32, JqlParser::RuleArguments);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(190);
    argument();
    setState(195);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while (_la == JqlParser::COMMA) {
      setState(191);
      match(JqlParser::COMMA);
      setState(192);
      argument();
      setState(197);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ArgumentContext ------------------------------------------------------------------

JqlParser::ArgumentContext::ArgumentContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::StringValueContext* JqlParser::ArgumentContext::stringValue() {
  return getRuleContext<JqlParser::StringValueContext>(0);
}

JqlParser::NumberValueContext* JqlParser::ArgumentContext::numberValue() {
  return getRuleContext<JqlParser::NumberValueContext>(0);
}


size_t JqlParser::ArgumentContext::getRuleIndex() const {
  return JqlParser::RuleArgument;
}


JqlParser::ArgumentContext* JqlParser::argument() {
  ArgumentContext *_localctx = _tracker.createInstance<ArgumentContext>(_ctx, getState());
  enterRule(_localctx, 34, JqlParser::RuleArgument);

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    setState(200);
    _errHandler->sync(this);
    switch (_input->LA(1)) {
      case JqlParser::STRING:
      case JqlParser::QUOTE_STRING:
      case JqlParser::SQUOTE_STRING: {
        enterOuterAlt(_localctx, 1);
        setState(198);
        stringValue();
        break;
      }

      case JqlParser::POSNUMBER:
      case JqlParser::NEGNUMBER: {
        enterOuterAlt(_localctx, 2);
        setState(199);
        numberValue();
        break;
      }

    default:
      throw NoViableAltException(this);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- ListContext ------------------------------------------------------------------

JqlParser::ListContext::ListContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::ListContext::LPAREN() {
  return getToken(JqlParser::LPAREN, 0);
}

std::vector<JqlParser::OperandContext *> JqlParser::ListContext::operand() {
  return getRuleContexts<JqlParser::OperandContext>();
}

JqlParser::OperandContext* JqlParser::ListContext::operand(size_t i) {
  return getRuleContext<JqlParser::OperandContext>(i);
}

tree::TerminalNode* JqlParser::ListContext::RPAREN() {
  return getToken(JqlParser::RPAREN, 0);
}

std::vector<tree::TerminalNode *> JqlParser::ListContext::COMMA() {
  return getTokens(JqlParser::COMMA);
}

tree::TerminalNode* JqlParser::ListContext::COMMA(size_t i) {
  return getToken(JqlParser::COMMA, i);
}


size_t JqlParser::ListContext::getRuleIndex() const {
  return JqlParser::RuleList;
}


JqlParser::ListContext* JqlParser::list() {
  ListContext *_localctx = _tracker.createInstance<ListContext>(_ctx, getState());
  enterRule(_localctx, 36, JqlParser::RuleList);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(202);
    match(JqlParser::LPAREN);
    setState(203);
    operand();
    setState(208);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while (_la == JqlParser::COMMA) {
      setState(204);
      match(JqlParser::COMMA);
      setState(205);
      operand();
      setState(210);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
    setState(211);
    match(JqlParser::RPAREN);
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- OrderByContext ------------------------------------------------------------------

JqlParser::OrderByContext::OrderByContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::OrderByContext::ORDER() {
  return getToken(JqlParser::ORDER, 0);
}

tree::TerminalNode* JqlParser::OrderByContext::BY() {
  return getToken(JqlParser::BY, 0);
}

std::vector<JqlParser::SortFieldContext *> JqlParser::OrderByContext::sortField() {
  return getRuleContexts<JqlParser::SortFieldContext>();
}

JqlParser::SortFieldContext* JqlParser::OrderByContext::sortField(size_t i) {
  return getRuleContext<JqlParser::SortFieldContext>(i);
}

std::vector<tree::TerminalNode *> JqlParser::OrderByContext::COMMA() {
  return getTokens(JqlParser::COMMA);
}

tree::TerminalNode* JqlParser::OrderByContext::COMMA(size_t i) {
  return getToken(JqlParser::COMMA, i);
}


size_t JqlParser::OrderByContext::getRuleIndex() const {
  return JqlParser::RuleOrderBy;
}


JqlParser::OrderByContext* JqlParser::orderBy() {
  OrderByContext *_localctx = _tracker.createInstance<OrderByContext>(_ctx, getState());
  enterRule(_localctx, 38, JqlParser::RuleOrderBy);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(213);
    match(JqlParser::ORDER);
    setState(214);
    match(JqlParser::BY);
    setState(215);
    sortField();
    setState(220);
    _errHandler->sync(this);
    _la = _input->LA(1);
    while (_la == JqlParser::COMMA) {
      setState(216);
      match(JqlParser::COMMA);
      setState(217);
      sortField();
      setState(222);
      _errHandler->sync(this);
      _la = _input->LA(1);
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- SortFieldContext ------------------------------------------------------------------

JqlParser::SortFieldContext::SortFieldContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

JqlParser::FieldContext* JqlParser::SortFieldContext::field() {
  return getRuleContext<JqlParser::FieldContext>(0);
}

tree::TerminalNode* JqlParser::SortFieldContext::ASC() {
  return getToken(JqlParser::ASC, 0);
}

tree::TerminalNode* JqlParser::SortFieldContext::DESC() {
  return getToken(JqlParser::DESC, 0);
}


size_t JqlParser::SortFieldContext::getRuleIndex() const {
  return JqlParser::RuleSortField;
}


JqlParser::SortFieldContext* JqlParser::sortField() {
  SortFieldContext *_localctx = _tracker.createInstance<SortFieldContext>(_ctx, getState());
  enterRule(_localctx, 40, JqlParser::RuleSortField);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(223);
    field();
    setState(225);
    _errHandler->sync(this);

    _la = _input->LA(1);
    if (_la == JqlParser::ASC

    || _la == JqlParser::DESC) {
      setState(224);
      _la = _input->LA(1);
      if (!(_la == JqlParser::ASC

      || _la == JqlParser::DESC)) {
      _errHandler->recoverInline(this);
      }
      else {
        _errHandler->reportMatch(this);
        consume();
      }
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- StringValueContext ------------------------------------------------------------------

JqlParser::StringValueContext::StringValueContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::StringValueContext::STRING() {
  return getToken(JqlParser::STRING, 0);
}

tree::TerminalNode* JqlParser::StringValueContext::QUOTE_STRING() {
  return getToken(JqlParser::QUOTE_STRING, 0);
}

tree::TerminalNode* JqlParser::StringValueContext::SQUOTE_STRING() {
  return getToken(JqlParser::SQUOTE_STRING, 0);
}


size_t JqlParser::StringValueContext::getRuleIndex() const {
  return JqlParser::RuleStringValue;
}


JqlParser::StringValueContext* JqlParser::stringValue() {
  StringValueContext *_localctx = _tracker.createInstance<StringValueContext>(_ctx, getState());
  enterRule(_localctx, 42, JqlParser::RuleStringValue);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(227);
    _la = _input->LA(1);
    if (!((((_la & ~ 0x3fULL) == 0) &&
      ((1ULL << _la) & ((1ULL << JqlParser::STRING)
      | (1ULL << JqlParser::QUOTE_STRING)
      | (1ULL << JqlParser::SQUOTE_STRING))) != 0))) {
    _errHandler->recoverInline(this);
    }
    else {
      _errHandler->reportMatch(this);
      consume();
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

//----------------- NumberValueContext ------------------------------------------------------------------

JqlParser::NumberValueContext::NumberValueContext(ParserRuleContext *parent, size_t invokingState)
  : ParserRuleContext(parent, invokingState) {
}

tree::TerminalNode* JqlParser::NumberValueContext::POSNUMBER() {
  return getToken(JqlParser::POSNUMBER, 0);
}

tree::TerminalNode* JqlParser::NumberValueContext::NEGNUMBER() {
  return getToken(JqlParser::NEGNUMBER, 0);
}


size_t JqlParser::NumberValueContext::getRuleIndex() const {
  return JqlParser::RuleNumberValue;
}


JqlParser::NumberValueContext* JqlParser::numberValue() {
  NumberValueContext *_localctx = _tracker.createInstance<NumberValueContext>(_ctx, getState());
  enterRule(_localctx, 44, JqlParser::RuleNumberValue);
  size_t _la = 0;

  auto onExit = finally([=] {
    exitRule();
  });
  try {
    enterOuterAlt(_localctx, 1);
    setState(229);
    _la = _input->LA(1);
    if (!(_la == JqlParser::POSNUMBER

    || _la == JqlParser::NEGNUMBER)) {
    _errHandler->recoverInline(this);
    }
    else {
      _errHandler->reportMatch(this);
      consume();
    }
   
  }
  catch (RecognitionException &e) {
    _errHandler->reportError(this, e);
    _localctx->exception = std::current_exception();
    _errHandler->recover(this, _localctx->exception);
  }

  return _localctx;
}

// Static vars and initialization.
std::vector<dfa::DFA> JqlParser::_decisionToDFA;
atn::PredictionContextCache JqlParser::_sharedContextCache;

// We own the ATN which in turn owns the ATN states.
atn::ATN JqlParser::_atn;
std::vector<uint16_t> JqlParser::_serializedATN;

std::vector<std::string> JqlParser::_ruleNames = {
  "query", "orClause", "andClause", "notClause", "terminalClause", "clauseRhs", 
  "clauseOperator", "predicate", "predicateKeyword", "field", "customField", 
  "fieldProperty", "operand", "value", "functionCall", "functionName", "arguments", 
  "argument", "list", "orderBy", "sortField", "stringValue", "numberValue"
};

std::vector<std::string> JqlParser::_literalNames = {
  "", "'('", "')'", "','", "'['", "']'", "'!'", "'<'", "'>'", "'>='", "'<='", 
  "'='", "'!='", "'~'", "'!~'"
};

std::vector<std::string> JqlParser::_symbolicNames = {
  "", "LPAREN", "RPAREN", "COMMA", "LBRACKET", "RBRACKET", "BANG", "LT", 
  "GT", "GTEQ", "LTEQ", "EQUALS", "NOT_EQUALS", "LIKE", "NOT_LIKE", "IN", 
  "IS", "AND", "OR", "NOT", "EMPTY", "WAS", "CHANGED", "BEFORE", "AFTER", 
  "FROM", "TO", "ON", "DURING", "ORDER", "BY", "ASC", "DESC", "POSNUMBER", 
  "NEGNUMBER", "CUSTOMFIELD", "STRING", "QUOTE_STRING", "SQUOTE_STRING", 
  "UNCLOSED_QUOTE_STRING", "UNCLOSED_SQUOTE_STRING", "WS", "ERROR_RESERVED", 
  "ERRORCHAR"
};

dfa::Vocabulary JqlParser::_vocabulary(_literalNames, _symbolicNames);

std::vector<std::string> JqlParser::_tokenNames;

JqlParser::Initializer::Initializer() {
	for (size_t i = 0; i < _symbolicNames.size(); ++i) {
		std::string name = _vocabulary.getLiteralName(i);
		if (name.empty()) {
			name = _vocabulary.getSymbolicName(i);
		}

		if (name.empty()) {
			_tokenNames.push_back("<INVALID>");
		} else {
      _tokenNames.push_back(name);
    }
	}

  _serializedATN = {
    0x3, 0x608b, 0xa72a, 0x8133, 0xb9ed, 0x417c, 0x3be7, 0x7786, 0x5964, 
    0x3, 0x2d, 0xea, 0x4, 0x2, 0x9, 0x2, 0x4, 0x3, 0x9, 0x3, 0x4, 0x4, 0x9, 
    0x4, 0x4, 0x5, 0x9, 0x5, 0x4, 0x6, 0x9, 0x6, 0x4, 0x7, 0x9, 0x7, 0x4, 
    0x8, 0x9, 0x8, 0x4, 0x9, 0x9, 0x9, 0x4, 0xa, 0x9, 0xa, 0x4, 0xb, 0x9, 
    0xb, 0x4, 0xc, 0x9, 0xc, 0x4, 0xd, 0x9, 0xd, 0x4, 0xe, 0x9, 0xe, 0x4, 
    0xf, 0x9, 0xf, 0x4, 0x10, 0x9, 0x10, 0x4, 0x11, 0x9, 0x11, 0x4, 0x12, 
    0x9, 0x12, 0x4, 0x13, 0x9, 0x13, 0x4, 0x14, 0x9, 0x14, 0x4, 0x15, 0x9, 
    0x15, 0x4, 0x16, 0x9, 0x16, 0x4, 0x17, 0x9, 0x17, 0x4, 0x18, 0x9, 0x18, 
    0x3, 0x2, 0x5, 0x2, 0x32, 0xa, 0x2, 0x3, 0x2, 0x5, 0x2, 0x35, 0xa, 0x2, 
    0x3, 0x2, 0x3, 0x2, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x7, 0x3, 0x3c, 0xa, 
    0x3, 0xc, 0x3, 0xe, 0x3, 0x3f, 0xb, 0x3, 0x3, 0x4, 0x3, 0x4, 0x3, 0x4, 
    0x7, 0x4, 0x44, 0xa, 0x4, 0xc, 0x4, 0xe, 0x4, 0x47, 0xb, 0x4, 0x3, 0x5, 
    0x3, 0x5, 0x3, 0x5, 0x3, 0x5, 0x3, 0x5, 0x3, 0x5, 0x3, 0x5, 0x5, 0x5, 
    0x50, 0xa, 0x5, 0x3, 0x6, 0x3, 0x6, 0x3, 0x6, 0x3, 0x7, 0x3, 0x7, 0x5, 
    0x7, 0x57, 0xa, 0x7, 0x3, 0x7, 0x7, 0x7, 0x5a, 0xa, 0x7, 0xc, 0x7, 0xe, 
    0x7, 0x5d, 0xb, 0x7, 0x3, 0x7, 0x3, 0x7, 0x5, 0x7, 0x61, 0xa, 0x7, 0x3, 
    0x7, 0x3, 0x7, 0x7, 0x7, 0x65, 0xa, 0x7, 0xc, 0x7, 0xe, 0x7, 0x68, 0xb, 
    0x7, 0x3, 0x7, 0x3, 0x7, 0x3, 0x7, 0x7, 0x7, 0x6d, 0xa, 0x7, 0xc, 0x7, 
    0xe, 0x7, 0x70, 0xb, 0x7, 0x5, 0x7, 0x72, 0xa, 0x7, 0x3, 0x8, 0x3, 0x8, 
    0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 
    0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x3, 0x8, 0x5, 0x8, 0x81, 0xa, 0x8, 0x3, 
    0x8, 0x5, 0x8, 0x84, 0xa, 0x8, 0x5, 0x8, 0x86, 0xa, 0x8, 0x3, 0x9, 0x3, 
    0x9, 0x3, 0x9, 0x3, 0xa, 0x3, 0xa, 0x3, 0xb, 0x3, 0xb, 0x3, 0xb, 0x7, 
    0xb, 0x90, 0xa, 0xb, 0xc, 0xb, 0xe, 0xb, 0x93, 0xb, 0xb, 0x3, 0xb, 0x3, 
    0xb, 0x7, 0xb, 0x97, 0xa, 0xb, 0xc, 0xb, 0xe, 0xb, 0x9a, 0xb, 0xb, 0x5, 
    0xb, 0x9c, 0xa, 0xb, 0x3, 0xc, 0x3, 0xc, 0x3, 0xc, 0x3, 0xc, 0x3, 0xc, 
    0x3, 0xd, 0x3, 0xd, 0x3, 0xd, 0x3, 0xd, 0x7, 0xd, 0xa7, 0xa, 0xd, 0xc, 
    0xd, 0xe, 0xd, 0xaa, 0xb, 0xd, 0x3, 0xe, 0x3, 0xe, 0x3, 0xe, 0x3, 0xe, 
    0x5, 0xe, 0xb0, 0xa, 0xe, 0x3, 0xf, 0x3, 0xf, 0x5, 0xf, 0xb4, 0xa, 0xf, 
    0x3, 0x10, 0x3, 0x10, 0x3, 0x10, 0x5, 0x10, 0xb9, 0xa, 0x10, 0x3, 0x10, 
    0x3, 0x10, 0x3, 0x11, 0x3, 0x11, 0x5, 0x11, 0xbf, 0xa, 0x11, 0x3, 0x12, 
    0x3, 0x12, 0x3, 0x12, 0x7, 0x12, 0xc4, 0xa, 0x12, 0xc, 0x12, 0xe, 0x12, 
    0xc7, 0xb, 0x12, 0x3, 0x13, 0x3, 0x13, 0x5, 0x13, 0xcb, 0xa, 0x13, 0x3, 
    0x14, 0x3, 0x14, 0x3, 0x14, 0x3, 0x14, 0x7, 0x14, 0xd1, 0xa, 0x14, 0xc, 
    0x14, 0xe, 0x14, 0xd4, 0xb, 0x14, 0x3, 0x14, 0x3, 0x14, 0x3, 0x15, 0x3, 
    0x15, 0x3, 0x15, 0x3, 0x15, 0x3, 0x15, 0x7, 0x15, 0xdd, 0xa, 0x15, 0xc, 
    0x15, 0xe, 0x15, 0xe0, 0xb, 0x15, 0x3, 0x16, 0x3, 0x16, 0x5, 0x16, 0xe4, 
    0xa, 0x16, 0x3, 0x17, 0x3, 0x17, 0x3, 0x18, 0x3, 0x18, 0x3, 0x18, 0x2, 
    0x2, 0x19, 0x2, 0x4, 0x6, 0x8, 0xa, 0xc, 0xe, 0x10, 0x12, 0x14, 0x16, 
    0x18, 0x1a, 0x1c, 0x1e, 0x20, 0x22, 0x24, 0x26, 0x28, 0x2a, 0x2c, 0x2e, 
    0x2, 0x7, 0x4, 0x2, 0x8, 0x8, 0x15, 0x15, 0x4, 0x2, 0x19, 0x1e, 0x20, 
    0x20, 0x3, 0x2, 0x21, 0x22, 0x3, 0x2, 0x26, 0x28, 0x3, 0x2, 0x23, 0x24, 
    0x2, 0xfb, 0x2, 0x31, 0x3, 0x2, 0x2, 0x2, 0x4, 0x38, 0x3, 0x2, 0x2, 
    0x2, 0x6, 0x40, 0x3, 0x2, 0x2, 0x2, 0x8, 0x4f, 0x3, 0x2, 0x2, 0x2, 0xa, 
    0x51, 0x3, 0x2, 0x2, 0x2, 0xc, 0x71, 0x3, 0x2, 0x2, 0x2, 0xe, 0x85, 
    0x3, 0x2, 0x2, 0x2, 0x10, 0x87, 0x3, 0x2, 0x2, 0x2, 0x12, 0x8a, 0x3, 
    0x2, 0x2, 0x2, 0x14, 0x9b, 0x3, 0x2, 0x2, 0x2, 0x16, 0x9d, 0x3, 0x2, 
    0x2, 0x2, 0x18, 0xa2, 0x3, 0x2, 0x2, 0x2, 0x1a, 0xaf, 0x3, 0x2, 0x2, 
    0x2, 0x1c, 0xb3, 0x3, 0x2, 0x2, 0x2, 0x1e, 0xb5, 0x3, 0x2, 0x2, 0x2, 
    0x20, 0xbe, 0x3, 0x2, 0x2, 0x2, 0x22, 0xc0, 0x3, 0x2, 0x2, 0x2, 0x24, 
    0xca, 0x3, 0x2, 0x2, 0x2, 0x26, 0xcc, 0x3, 0x2, 0x2, 0x2, 0x28, 0xd7, 
    0x3, 0x2, 0x2, 0x2, 0x2a, 0xe1, 0x3, 0x2, 0x2, 0x2, 0x2c, 0xe5, 0x3, 
    0x2, 0x2, 0x2, 0x2e, 0xe7, 0x3, 0x2, 0x2, 0x2, 0x30, 0x32, 0x5, 0x4, 
    0x3, 0x2, 0x31, 0x30, 0x3, 0x2, 0x2, 0x2, 0x31, 0x32, 0x3, 0x2, 0x2, 
    0x2, 0x32, 0x34, 0x3, 0x2, 0x2, 0x2, 0x33, 0x35, 0x5, 0x28, 0x15, 0x2, 
    0x34, 0x33, 0x3, 0x2, 0x2, 0x2, 0x34, 0x35, 0x3, 0x2, 0x2, 0x2, 0x35, 
    0x36, 0x3, 0x2, 0x2, 0x2, 0x36, 0x37, 0x7, 0x2, 0x2, 0x3, 0x37, 0x3, 
    0x3, 0x2, 0x2, 0x2, 0x38, 0x3d, 0x5, 0x6, 0x4, 0x2, 0x39, 0x3a, 0x7, 
    0x14, 0x2, 0x2, 0x3a, 0x3c, 0x5, 0x6, 0x4, 0x2, 0x3b, 0x39, 0x3, 0x2, 
    0x2, 0x2, 0x3c, 0x3f, 0x3, 0x2, 0x2, 0x2, 0x3d, 0x3b, 0x3, 0x2, 0x2, 
    0x2, 0x3d, 0x3e, 0x3, 0x2, 0x2, 0x2, 0x3e, 0x5, 0x3, 0x2, 0x2, 0x2, 
    0x3f, 0x3d, 0x3, 0x2, 0x2, 0x2, 0x40, 0x45, 0x5, 0x8, 0x5, 0x2, 0x41, 
    0x42, 0x7, 0x13, 0x2, 0x2, 0x42, 0x44, 0x5, 0x8, 0x5, 0x2, 0x43, 0x41, 
    0x3, 0x2, 0x2, 0x2, 0x44, 0x47, 0x3, 0x2, 0x2, 0x2, 0x45, 0x43, 0x3, 
    0x2, 0x2, 0x2, 0x45, 0x46, 0x3, 0x2, 0x2, 0x2, 0x46, 0x7, 0x3, 0x2, 
    0x2, 0x2, 0x47, 0x45, 0x3, 0x2, 0x2, 0x2, 0x48, 0x49, 0x9, 0x2, 0x2, 
    0x2, 0x49, 0x50, 0x5, 0x8, 0x5, 0x2, 0x4a, 0x4b, 0x7, 0x3, 0x2, 0x2, 
    0x4b, 0x4c, 0x5, 0x4, 0x3, 0x2, 0x4c, 0x4d, 0x7, 0x4, 0x2, 0x2, 0x4d, 
    0x50, 0x3, 0x2, 0x2, 0x2, 0x4e, 0x50, 0x5, 0xa, 0x6, 0x2, 0x4f, 0x48, 
    0x3, 0x2, 0x2, 0x2, 0x4f, 0x4a, 0x3, 0x2, 0x2, 0x2, 0x4f, 0x4e, 0x3, 
    0x2, 0x2, 0x2, 0x50, 0x9, 0x3, 0x2, 0x2, 0x2, 0x51, 0x52, 0x5, 0x14, 
    0xb, 0x2, 0x52, 0x53, 0x5, 0xc, 0x7, 0x2, 0x53, 0xb, 0x3, 0x2, 0x2, 
    0x2, 0x54, 0x56, 0x7, 0x18, 0x2, 0x2, 0x55, 0x57, 0x5, 0x1a, 0xe, 0x2, 
    0x56, 0x55, 0x3, 0x2, 0x2, 0x2, 0x56, 0x57, 0x3, 0x2, 0x2, 0x2, 0x57, 
    0x5b, 0x3, 0x2, 0x2, 0x2, 0x58, 0x5a, 0x5, 0x10, 0x9, 0x2, 0x59, 0x58, 
    0x3, 0x2, 0x2, 0x2, 0x5a, 0x5d, 0x3, 0x2, 0x2, 0x2, 0x5b, 0x59, 0x3, 
    0x2, 0x2, 0x2, 0x5b, 0x5c, 0x3, 0x2, 0x2, 0x2, 0x5c, 0x72, 0x3, 0x2, 
    0x2, 0x2, 0x5d, 0x5b, 0x3, 0x2, 0x2, 0x2, 0x5e, 0x60, 0x7, 0x12, 0x2, 
    0x2, 0x5f, 0x61, 0x7, 0x15, 0x2, 0x2, 0x60, 0x5f, 0x3, 0x2, 0x2, 0x2, 
    0x60, 0x61, 0x3, 0x2, 0x2, 0x2, 0x61, 0x62, 0x3, 0x2, 0x2, 0x2, 0x62, 
    0x66, 0x7, 0x16, 0x2, 0x2, 0x63, 0x65, 0x5, 0x10, 0x9, 0x2, 0x64, 0x63, 
    0x3, 0x2, 0x2, 0x2, 0x65, 0x68, 0x3, 0x2, 0x2, 0x2, 0x66, 0x64, 0x3, 
    0x2, 0x2, 0x2, 0x66, 0x67, 0x3, 0x2, 0x2, 0x2, 0x67, 0x72, 0x3, 0x2, 
    0x2, 0x2, 0x68, 0x66, 0x3, 0x2, 0x2, 0x2, 0x69, 0x6a, 0x5, 0xe, 0x8, 
    0x2, 0x6a, 0x6e, 0x5, 0x1a, 0xe, 0x2, 0x6b, 0x6d, 0x5, 0x10, 0x9, 0x2, 
    0x6c, 0x6b, 0x3, 0x2, 0x2, 0x2, 0x6d, 0x70, 0x3, 0x2, 0x2, 0x2, 0x6e, 
    0x6c, 0x3, 0x2, 0x2, 0x2, 0x6e, 0x6f, 0x3, 0x2, 0x2, 0x2, 0x6f, 0x72, 
    0x3, 0x2, 0x2, 0x2, 0x70, 0x6e, 0x3, 0x2, 0x2, 0x2, 0x71, 0x54, 0x3, 
    0x2, 0x2, 0x2, 0x71, 0x5e, 0x3, 0x2, 0x2, 0x2, 0x71, 0x69, 0x3, 0x2, 
    0x2, 0x2, 0x72, 0xd, 0x3, 0x2, 0x2, 0x2, 0x73, 0x86, 0x7, 0xd, 0x2, 
    0x2, 0x74, 0x86, 0x7, 0xe, 0x2, 0x2, 0x75, 0x86, 0x7, 0xf, 0x2, 0x2, 
    0x76, 0x86, 0x7, 0x10, 0x2, 0x2, 0x77, 0x86, 0x7, 0x9, 0x2, 0x2, 0x78, 
    0x86, 0x7, 0xa, 0x2, 0x2, 0x79, 0x86, 0x7, 0xc, 0x2, 0x2, 0x7a, 0x86, 
    0x7, 0xb, 0x2, 0x2, 0x7b, 0x86, 0x7, 0x11, 0x2, 0x2, 0x7c, 0x7d, 0x7, 
    0x15, 0x2, 0x2, 0x7d, 0x86, 0x7, 0x11, 0x2, 0x2, 0x7e, 0x80, 0x7, 0x17, 
    0x2, 0x2, 0x7f, 0x81, 0x7, 0x15, 0x2, 0x2, 0x80, 0x7f, 0x3, 0x2, 0x2, 
    0x2, 0x80, 0x81, 0x3, 0x2, 0x2, 0x2, 0x81, 0x83, 0x3, 0x2, 0x2, 0x2, 
    0x82, 0x84, 0x7, 0x11, 0x2, 0x2, 0x83, 0x82, 0x3, 0x2, 0x2, 0x2, 0x83, 
    0x84, 0x3, 0x2, 0x2, 0x2, 0x84, 0x86, 0x3, 0x2, 0x2, 0x2, 0x85, 0x73, 
    0x3, 0x2, 0x2, 0x2, 0x85, 0x74, 0x3, 0x2, 0x2, 0x2, 0x85, 0x75, 0x3, 
    0x2, 0x2, 0x2, 0x85, 0x76, 0x3, 0x2, 0x2, 0x2, 0x85, 0x77, 0x3, 0x2, 
    0x2, 0x2, 0x85, 0x78, 0x3, 0x2, 0x2, 0x2, 0x85, 0x79, 0x3, 0x2, 0x2, 
    0x2, 0x85, 0x7a, 0x3, 0x2, 0x2, 0x2, 0x85, 0x7b, 0x3, 0x2, 0x2, 0x2, 
    0x85, 0x7c, 0x3, 0x2, 0x2, 0x2, 0x85, 0x7e, 0x3, 0x2, 0x2, 0x2, 0x86, 
    0xf, 0x3, 0x2, 0x2, 0x2, 0x87, 0x88, 0x5, 0x12, 0xa, 0x2, 0x88, 0x89, 
    0x5, 0x1a, 0xe, 0x2, 0x89, 0x11, 0x3, 0x2, 0x2, 0x2, 0x8a, 0x8b, 0x9, 
    0x3, 0x2, 0x2, 0x8b, 0x13, 0x3, 0x2, 0x2, 0x2, 0x8c, 0x9c, 0x5, 0x2e, 
    0x18, 0x2, 0x8d, 0x91, 0x5, 0x2c, 0x17, 0x2, 0x8e, 0x90, 0x5, 0x18, 
    0xd, 0x2, 0x8f, 0x8e, 0x3, 0x2, 0x2, 0x2, 0x90, 0x93, 0x3, 0x2, 0x2, 
    0x2, 0x91, 0x8f, 0x3, 0x2, 0x2, 0x2, 0x91, 0x92, 0x3, 0x2, 0x2, 0x2, 
    0x92, 0x9c, 0x3, 0x2, 0x2, 0x2, 0x93, 0x91, 0x3, 0x2, 0x2, 0x2, 0x94, 
    0x98, 0x5, 0x16, 0xc, 0x2, 0x95, 0x97, 0x5, 0x18, 0xd, 0x2, 0x96, 0x95, 
    0x3, 0x2, 0x2, 0x2, 0x97, 0x9a, 0x3, 0x2, 0x2, 0x2, 0x98, 0x96, 0x3, 
    0x2, 0x2, 0x2, 0x98, 0x99, 0x3, 0x2, 0x2, 0x2, 0x99, 0x9c, 0x3, 0x2, 
    0x2, 0x2, 0x9a, 0x98, 0x3, 0x2, 0x2, 0x2, 0x9b, 0x8c, 0x3, 0x2, 0x2, 
    0x2, 0x9b, 0x8d, 0x3, 0x2, 0x2, 0x2, 0x9b, 0x94, 0x3, 0x2, 0x2, 0x2, 
    0x9c, 0x15, 0x3, 0x2, 0x2, 0x2, 0x9d, 0x9e, 0x7, 0x25, 0x2, 0x2, 0x9e, 
    0x9f, 0x7, 0x6, 0x2, 0x2, 0x9f, 0xa0, 0x7, 0x23, 0x2, 0x2, 0xa0, 0xa1, 
    0x7, 0x7, 0x2, 0x2, 0xa1, 0x17, 0x3, 0x2, 0x2, 0x2, 0xa2, 0xa3, 0x7, 
    0x6, 0x2, 0x2, 0xa3, 0xa4, 0x5, 0x24, 0x13, 0x2, 0xa4, 0xa8, 0x7, 0x7, 
    0x2, 0x2, 0xa5, 0xa7, 0x5, 0x24, 0x13, 0x2, 0xa6, 0xa5, 0x3, 0x2, 0x2, 
    0x2, 0xa7, 0xaa, 0x3, 0x2, 0x2, 0x2, 0xa8, 0xa6, 0x3, 0x2, 0x2, 0x2, 
    0xa8, 0xa9, 0x3, 0x2, 0x2, 0x2, 0xa9, 0x19, 0x3, 0x2, 0x2, 0x2, 0xaa, 
    0xa8, 0x3, 0x2, 0x2, 0x2, 0xab, 0xb0, 0x7, 0x16, 0x2, 0x2, 0xac, 0xb0, 
    0x5, 0x1e, 0x10, 0x2, 0xad, 0xb0, 0x5, 0x1c, 0xf, 0x2, 0xae, 0xb0, 0x5, 
    0x26, 0x14, 0x2, 0xaf, 0xab, 0x3, 0x2, 0x2, 0x2, 0xaf, 0xac, 0x3, 0x2, 
    0x2, 0x2, 0xaf, 0xad, 0x3, 0x2, 0x2, 0x2, 0xaf, 0xae, 0x3, 0x2, 0x2, 
    0x2, 0xb0, 0x1b, 0x3, 0x2, 0x2, 0x2, 0xb1, 0xb4, 0x5, 0x2c, 0x17, 0x2, 
    0xb2, 0xb4, 0x5, 0x2e, 0x18, 0x2, 0xb3, 0xb1, 0x3, 0x2, 0x2, 0x2, 0xb3, 
    0xb2, 0x3, 0x2, 0x2, 0x2, 0xb4, 0x1d, 0x3, 0x2, 0x2, 0x2, 0xb5, 0xb6, 
    0x5, 0x20, 0x11, 0x2, 0xb6, 0xb8, 0x7, 0x3, 0x2, 0x2, 0xb7, 0xb9, 0x5, 
    0x22, 0x12, 0x2, 0xb8, 0xb7, 0x3, 0x2, 0x2, 0x2, 0xb8, 0xb9, 0x3, 0x2, 
    0x2, 0x2, 0xb9, 0xba, 0x3, 0x2, 0x2, 0x2, 0xba, 0xbb, 0x7, 0x4, 0x2, 
    0x2, 0xbb, 0x1f, 0x3, 0x2, 0x2, 0x2, 0xbc, 0xbf, 0x5, 0x2c, 0x17, 0x2, 
    0xbd, 0xbf, 0x5, 0x2e, 0x18, 0x2, 0xbe, 0xbc, 0x3, 0x2, 0x2, 0x2, 0xbe, 
    0xbd, 0x3, 0x2, 0x2, 0x2, 0xbf, 0x21, 0x3, 0x2, 0x2, 0x2, 0xc0, 0xc5, 
    0x5, 0x24, 0x13, 0x2, 0xc1, 0xc2, 0x7, 0x5, 0x2, 0x2, 0xc2, 0xc4, 0x5, 
    0x24, 0x13, 0x2, 0xc3, 0xc1, 0x3, 0x2, 0x2, 0x2, 0xc4, 0xc7, 0x3, 0x2, 
    0x2, 0x2, 0xc5, 0xc3, 0x3, 0x2, 0x2, 0x2, 0xc5, 0xc6, 0x3, 0x2, 0x2, 
    0x2, 0xc6, 0x23, 0x3, 0x2, 0x2, 0x2, 0xc7, 0xc5, 0x3, 0x2, 0x2, 0x2, 
    0xc8, 0xcb, 0x5, 0x2c, 0x17, 0x2, 0xc9, 0xcb, 0x5, 0x2e, 0x18, 0x2, 
    0xca, 0xc8, 0x3, 0x2, 0x2, 0x2, 0xca, 0xc9, 0x3, 0x2, 0x2, 0x2, 0xcb, 
    0x25, 0x3, 0x2, 0x2, 0x2, 0xcc, 0xcd, 0x7, 0x3, 0x2, 0x2, 0xcd, 0xd2, 
    0x5, 0x1a, 0xe, 0x2, 0xce, 0xcf, 0x7, 0x5, 0x2, 0x2, 0xcf, 0xd1, 0x5, 
    0x1a, 0xe, 0x2, 0xd0, 0xce, 0x3, 0x2, 0x2, 0x2, 0xd1, 0xd4, 0x3, 0x2, 
    0x2, 0x2, 0xd2, 0xd0, 0x3, 0x2, 0x2, 0x2, 0xd2, 0xd3, 0x3, 0x2, 0x2, 
    0x2, 0xd3, 0xd5, 0x3, 0x2, 0x2, 0x2, 0xd4, 0xd2, 0x3, 0x2, 0x2, 0x2, 
    0xd5, 0xd6, 0x7, 0x4, 0x2, 0x2, 0xd6, 0x27, 0x3, 0x2, 0x2, 0x2, 0xd7, 
    0xd8, 0x7, 0x1f, 0x2, 0x2, 0xd8, 0xd9, 0x7, 0x20, 0x2, 0x2, 0xd9, 0xde, 
    0x5, 0x2a, 0x16, 0x2, 0xda, 0xdb, 0x7, 0x5, 0x2, 0x2, 0xdb, 0xdd, 0x5, 
    0x2a, 0x16, 0x2, 0xdc, 0xda, 0x3, 0x2, 0x2, 0x2, 0xdd, 0xe0, 0x3, 0x2, 
    0x2, 0x2, 0xde, 0xdc, 0x3, 0x2, 0x2, 0x2, 0xde, 0xdf, 0x3, 0x2, 0x2, 
    0x2, 0xdf, 0x29, 0x3, 0x2, 0x2, 0x2, 0xe0, 0xde, 0x3, 0x2, 0x2, 0x2, 
    0xe1, 0xe3, 0x5, 0x14, 0xb, 0x2, 0xe2, 0xe4, 0x9, 0x4, 0x2, 0x2, 0xe3, 
    0xe2, 0x3, 0x2, 0x2, 0x2, 0xe3, 0xe4, 0x3, 0x2, 0x2, 0x2, 0xe4, 0x2b, 
    0x3, 0x2, 0x2, 0x2, 0xe5, 0xe6, 0x9, 0x5, 0x2, 0x2, 0xe6, 0x2d, 0x3, 
    0x2, 0x2, 0x2, 0xe7, 0xe8, 0x9, 0x6, 0x2, 0x2, 0xe8, 0x2f, 0x3, 0x2, 
    0x2, 0x2, 0x1d, 0x31, 0x34, 0x3d, 0x45, 0x4f, 0x56, 0x5b, 0x60, 0x66, 
    0x6e, 0x71, 0x80, 0x83, 0x85, 0x91, 0x98, 0x9b, 0xa8, 0xaf, 0xb3, 0xb8, 
    0xbe, 0xc5, 0xca, 0xd2, 0xde, 0xe3, 
  };

  atn::ATNDeserializer deserializer;
  _atn = deserializer.deserialize(_serializedATN);

  size_t count = _atn.getNumberOfDecisions();
  _decisionToDFA.reserve(count);
  for (size_t i = 0; i < count; i++) { 
    _decisionToDFA.emplace_back(_atn.getDecisionState(i), i);
  }
}

JqlParser::Initializer JqlParser::_init;
