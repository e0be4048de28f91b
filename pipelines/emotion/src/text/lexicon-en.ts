// Hand-written English customer-service lexicon: valence of words and phrases in −1..1, degree
// words, and the few expressions that are neutral in service talk although they contain a
// sentiment word ("no problem" is positive, "thank you for holding" is a formula). Phrases are
// matched before single words, longest first. Inflections are listed: there is no stemmer.

export const EN_VALENCE: Readonly<Record<string, number>> = {
  // satisfaction, thanks, praise
  'happy': 0.6, 'glad': 0.5, 'pleased': 0.6, 'delighted': 0.8, 'satisfied': 0.6, 'content': 0.3,
  'great': 0.7, 'excellent': 0.9, 'amazing': 0.8, 'awesome': 0.8, 'fantastic': 0.9, 'wonderful': 0.8, 'brilliant': 0.8,
  'perfect': 0.8, 'good': 0.5, 'nice': 0.5, 'fine': 0.2, 'ok': 0.1, 'okay': 0.1, 'alright': 0.1, 'cool': 0.3,
  'love': 0.7, 'loved': 0.7, 'enjoy': 0.5, 'enjoyed': 0.5,
  'thanks': 0.4, 'thank': 0.4, 'thankful': 0.6, 'grateful': 0.7, 'appreciate': 0.6, 'appreciated': 0.6,
  'helpful': 0.6, 'helped': 0.4, 'kind': 0.5, 'friendly': 0.5, 'polite': 0.4, 'patient': 0.4, 'professional': 0.4,
  'quick': 0.4, 'quickly': 0.3, 'fast': 0.4, 'easy': 0.4, 'smooth': 0.4, 'convenient': 0.4, 'reliable': 0.5,
  'resolved': 0.5, 'solved': 0.5, 'fixed': 0.4, 'sorted': 0.3, 'works': 0.3, 'working': 0.2,
  'relieved': 0.5, 'relief': 0.4, 'recommend': 0.5, 'best': 0.6, 'better': 0.3, 'fair': 0.2, 'lucky': 0.4,
  'wow': 0.3, 'yay': 0.6, 'lol': 0.3, 'haha': 0.3, 'congrats': 0.6, 'congratulations': 0.6, 'fun': 0.5, 'funny': 0.3,
  // dissatisfaction, service failures
  'bad': -0.6, 'poor': -0.6, 'terrible': -0.9, 'horrible': -0.9, 'awful': -0.9, 'worst': -1.0, 'worse': -0.6,
  'useless': -0.8, 'pathetic': -0.8, 'ridiculous': -0.8, 'unacceptable': -0.9, 'disgraceful': -0.9, 'shocking': -0.6,
  'incompetent': -0.9, 'rude': -0.8, 'unhelpful': -0.7, 'slow': -0.4, 'late': -0.4, 'delayed': -0.4, 'delay': -0.4,
  'wrong': -0.5, 'broken': -0.6, 'faulty': -0.6, 'damaged': -0.6, 'missing': -0.4, 'lost': -0.4, 'failed': -0.5,
  'fail': -0.5, 'failure': -0.6, 'error': -0.4, 'problem': -0.3, 'problems': -0.3, 'issue': -0.2, 'issues': -0.2,
  'mess': -0.6, 'nightmare': -0.9, 'disaster': -0.9, 'joke': -0.5, 'scam': -0.9, 'fraud': -0.8, 'rip': -0.2,
  'overcharged': -0.7, 'charged twice': -0.6, 'expensive': -0.4, 'waste': -0.7, 'wasted': -0.7, 'annoying': -0.6,
  'complaint': -0.5, 'complain': -0.5, 'complaining': -0.4, 'cancel': -0.2, 'refund': -0.2, 'again': -0.1,
  'stupid': -0.7, 'crap': -0.8, 'hate': -0.8, 'hated': -0.8, 'sucks': -0.8, 'suck': -0.7, 'damn': -0.5,
  'bloody': -0.4, 'fed up': -0.8, 'sick of': -0.8, 'tired of': -0.6,
  // feelings
  'angry': -0.8, 'furious': -1.0, 'mad': -0.7, 'livid': -1.0, 'outraged': -1.0, 'annoyed': -0.6, 'irritated': -0.6,
  'frustrated': -0.7, 'frustrating': -0.7, 'frustration': -0.7, 'upset': -0.6, 'disappointed': -0.7,
  'disappointing': -0.7, 'unhappy': -0.7, 'dissatisfied': -0.7, 'sad': -0.6, 'depressed': -0.7, 'miserable': -0.8,
  'worried': -0.5, 'worry': -0.4, 'afraid': -0.5, 'scared': -0.6, 'anxious': -0.5, 'stressed': -0.6, 'confused': -0.3,
  'sorry': -0.1, 'unfortunately': -0.3, 'shame': -0.5, 'disgusted': -0.8, 'disgusting': -0.8, 'hurt': -0.5,
  'cry': -0.5, 'crying': -0.6, 'lonely': -0.5, 'grief': -0.7, 'died': -0.5, 'dead': -0.4, 'sucked': -0.7,
  // service-call phrases
  'on hold forever': -0.8, 'waiting forever': -0.8, 'took forever': -0.6, 'for ages': -0.4, 'still waiting': -0.6,
  'still not': -0.4, 'never again': -0.8, 'rip off': -0.8, 'waste of time': -0.8, 'waste of money': -0.8,
  'not working': -0.5, "doesn't work": -0.5, 'does not work': -0.5, "didn't work": -0.5, "won't work": -0.5,
  'no one': -0.3, 'nobody helps': -0.6, 'speak to a manager': -0.5, 'speak to your manager': -0.5,
  'thank you so much': 0.7, 'thanks a lot': 0.6, 'well done': 0.6, 'great job': 0.8, 'good job': 0.7,
  'all good': 0.4, 'you saved me': 0.8, 'very much appreciated': 0.7, "can't wait": 0.4, 'cannot wait': 0.4,
  // formulas and false friends: matched to take the words out of play
  'no problem': 0.3, 'no worries': 0.3, 'not bad': 0.3, 'no thanks': 0, 'no thank you': 0,
  'thank you for holding': 0, 'thank you for calling': 0, 'thank you for waiting': 0, 'sorry to hear': 0,
  'i am sorry to hear': 0, 'like to': 0, 'would like': 0, "i'd like": 0, 'looks like': 0, 'feel like': 0,
  'pretty much': 0, 'fine print': 0, 'good morning': 0, 'good afternoon': 0,
  'good evening': 0, 'good night': 0, 'goodbye': 0, 'hold on': 0, 'right now': 0,
};

/** Multipliers of the next sentiment word. */
export const EN_DEGREE: Readonly<Record<string, number>> = {
  very: 1.3, really: 1.3, so: 1.3, extremely: 1.6, incredibly: 1.5, absolutely: 1.5, totally: 1.4, completely: 1.4,
  utterly: 1.5, super: 1.4, too: 1.2, most: 1.3, truly: 1.3, seriously: 1.3, highly: 1.3, such: 1.2, fucking: 1.5,
  bloody: 1.3, damn: 1.3, quite: 1.1, pretty: 1.1,
  slightly: 0.6, somewhat: 0.7, 'a bit': 0.6, 'a little': 0.6, 'kind of': 0.7, 'sort of': 0.7, barely: 0.5, fairly: 0.8,
};
