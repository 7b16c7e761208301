import type { RoleTemplate } from '../role-template';

/**
 * Research Scientist (ML).
 * - Dimensions: the interview guide's must-have skills (ML theory and mathematics, deep learning and frameworks,
 *   research and experimentation, Python, algorithms and data analysis) and its emphasis on rigor, reproducibility
 *   and product impact. The guide gives no weights; ours favour theory, deep learning and rigor (20 each).
 * - Questions: the guide's ten questions with their points of assessment, common pitfalls and follow-ups.
 * - Focus areas: the guide's three assessments (theoretical depth, applied research and problem framing, critical
 *   thinking and scientific rigor). Every dimension is the focus of at least two rounds.
 */
export const RESEARCH_SCIENTIST_ML: RoleTemplate = {
  key: 'research-scientist-ml',
  title: 'Research Scientist (ML)',
  level: 'Mid–Senior',
  department: 'Research',
  summary:
    'Invents and validates new models and algorithms, publishes, and works with engineering and product to turn research into features. ' +
    'The loop checks theoretical depth, deep learning expertise, experimental rigor, problem framing, implementation skill and communication.',
  sources: ['research-scientist-ml-interview-guide.txt'],
  focusAreas: [
    {
      key: 'theoretical-depth',
      name: 'Theoretical depth and clarity',
      description: 'Understands the fundamentals (e.g. the maths behind backpropagation) and can explain them accurately and clearly.',
      roundKeys: ['research-screen', 'theory-deep-learning'],
    },
    {
      key: 'applied-research',
      name: 'Applied research and problem framing',
      description:
        'Turns an ambiguous goal, such as better personalization, into research questions and experiments that bridge business needs and fundamental research.',
      roundKeys: ['research-deep-dive', 'applied-research-case'],
    },
    {
      key: 'rigor',
      name: 'Critical thinking and scientific rigor',
      description:
        'Weighs trade-offs (a small accuracy gain for ten times the training cost), considers edge cases and justifies conclusions with evidence.',
      roundKeys: ['research-deep-dive', 'applied-research-case'],
    },
  ],
  dimensions: [
    {
      key: 'theory',
      name: 'ML theory & mathematical foundations',
      description:
        'An intuitive, deep grasp of supervised, unsupervised and reinforcement learning and of the linear algebra, calculus, probability and statistics beneath them.',
      weight: 20,
      rubric: {
        '1': 'Definitions are wrong or confused (e.g. mixes up bias and variance, or L1 and L2).',
        '2': 'Recites definitions but cannot explain why they hold or what follows in practice.',
        '3': 'Explains the theory correctly and clearly, with its practical consequences for choosing and diagnosing models.',
        '4': 'Reasons from first principles, derives results when needed and connects theory to new problems.',
      },
      signals: {
        strong: ['Explains why a technique works, not only what it does', 'Links theory to concrete modeling decisions'],
        weak: ['Gives definitions without the trade-off or why it matters'],
        redFlags: [],
      },
    },
    {
      key: 'deep-learning',
      name: 'Deep learning expertise',
      description:
        'Designs, trains and debugs neural architectures (CNNs, RNNs, Transformers) and works below the high-level APIs of PyTorch or TensorFlow: custom layers, losses and training loops.',
      weight: 20,
      rubric: {
        '1': 'Describes architectures only vaguely (e.g. "attention looks at the important words").',
        '2': 'Knows the main architectures at a high level but not their mechanics or why they suit a task.',
        '3': 'Explains architectures and their mechanics accurately, including why they fit a task, and can build and debug custom components.',
        '4': 'Critiques design choices and proposes and tests new variants; could move the state of the art.',
      },
      signals: {
        strong: ['Explains mechanisms such as self-attention precisely, and why they beat older designs'],
        weak: ['Knows architectures only through high-level framework calls'],
        redFlags: [],
      },
    },
    {
      key: 'rigor',
      name: 'Research & experimental rigor',
      description:
        'Designs experiments with clear hypotheses, appropriate baselines and robust metrics; is sceptical of their own results, hunts for confounders and bugs, and keeps work reproducible.',
      weight: 20,
      rubric: {
        '1': 'No hypothesis or baseline; takes results at face value.',
        '2': 'Runs experiments, but with weak baselines, missing ablations or unexamined confounders; documentation is an afterthought.',
        '3': 'Hypothesis-driven experiments with solid baselines, ablations and significance checks; reproducible and documented.',
        '4': 'Sets the standard: designs decisive experiments, catches subtle flaws in their own and others’ work and learns from negative results.',
      },
      signals: {
        strong: [
          'Treats a failed or surprising result as a debugging problem and isolates the cause with ablations',
          "Critiques a paper's experimental setup and limits, not only its headline number",
        ],
        weak: ['Summarizes results without discussing limitations', 'Chooses a misleading metric, such as accuracy on heavily imbalanced data'],
        redFlags: ['Claims never to have had a project fail', 'Blames failures on data or tools without taking ownership'],
      },
    },
    {
      key: 'framing',
      name: 'Problem framing & research impact',
      description: 'Turns ambiguous goals into concrete research questions and plans, and ties research to product and business outcomes.',
      weight: 15,
      rubric: {
        '1': 'Chases what is interesting, with no link to the problem at hand.',
        '2': 'Frames the problem only with heavy prompting; impact is stated only in model metrics.',
        '3': 'Turns a vague goal into research questions, a plan and success criteria tied to business metrics, including the cost of errors.',
        '4': 'Finds high-impact research directions unprompted and weighs novelty against product value convincingly.',
      },
      signals: {
        strong: ['Frames work in business terms as well as in model accuracy'],
        weak: ['Jumps to a complex model before discussing data, features and the problem'],
        redFlags: [],
      },
    },
    {
      key: 'coding',
      name: 'Coding, algorithms & data',
      description:
        'Fluent in Python and its scientific stack; breaks algorithms into clear steps, knows their complexity, and explores and prepares large datasets.',
      weight: 15,
      rubric: {
        '1': 'Cannot turn a well-known algorithm into working steps.',
        '2': 'Gets the main steps but misses initialization, the stopping condition or complexity; data handling is ad hoc.',
        '3': 'Implements algorithms correctly and cleanly, states their complexity and weaknesses, and prepares data (imbalance, features) sensibly.',
        '4': 'Writes efficient, reproducible research code and improves on standard algorithms (e.g. smarter initialization) unprompted.',
      },
      signals: {
        strong: ['Breaks an algorithm into initialization, iteration and a clear stopping rule'],
        weak: ['Gets lost in implementation details without the high-level logic'],
        redFlags: [],
      },
    },
    {
      key: 'communication',
      name: 'Research communication & collaboration',
      description:
        'Explains complex ideas clearly, follows and critiques current research, and works with engineering and product to bring research into products.',
      weight: 10,
      rubric: {
        '1': 'Cannot summarize their own or others’ work clearly.',
        '2': 'Stays on the surface (e.g. repeats a paper’s abstract); little evidence of working with other teams.',
        '3': 'Explains contributions and limitations clearly to experts and non-experts, and reports negative results openly.',
        '4': 'Communicates like a thought leader: shapes the research agenda and brings others along.',
      },
      signals: {
        strong: ['Has a recent paper ready and discusses its contributions and limits'],
        weak: ['Only generic answers about trends, without why they matter'],
        redFlags: [],
      },
    },
  ],
  rounds: [
    {
      key: 'research-screen',
      name: 'Research screen',
      kind: 'screen',
      durationMinutes: 45,
      purpose: 'Fundamentals explained clearly, and a view of where the field is going.',
      focus: ['theory', 'communication'],
      questions: ['bias-variance', 'future-of-ml'],
    },
    {
      key: 'research-deep-dive',
      name: 'Research deep dive: papers and setbacks',
      kind: 'technical',
      durationMinutes: 60,
      purpose: 'Critical reading of research, the candidate’s own failures, and how research connects to the company’s problems.',
      focus: ['rigor', 'communication', 'framing'],
      questions: ['recent-paper', 'research-failure'],
    },
    {
      key: 'theory-deep-learning',
      name: 'ML theory and deep learning',
      kind: 'technical',
      durationMinutes: 60,
      purpose: 'Depth on regularization, model families and the Transformer.',
      focus: ['theory', 'deep-learning'],
      questions: ['regularization', 'transformer', 'generative-discriminative'],
    },
    {
      key: 'implementation',
      name: 'Implementation from scratch',
      kind: 'coding',
      durationMinutes: 60,
      purpose: 'Turn a known algorithm (and, time permitting, a custom layer or training loop) into clean, correct code.',
      focus: ['coding', 'deep-learning'],
      questions: ['k-means'],
    },
    {
      key: 'applied-research-case',
      name: 'Applied research case',
      kind: 'case',
      durationMinutes: 60,
      purpose: 'Frame a real problem as ML, handle its data, and design the experiment that proves the impact.',
      focus: ['framing', 'rigor', 'coding'],
      questions: ['fraud-detection', 'ab-test-recommendations'],
    },
  ],
  questions: [
    {
      key: 'bias-variance',
      prompt: 'Explain the bias-variance trade-off. Why does it matter in machine learning?',
      pointsOfAssessment: [
        'Understanding of a fundamental concept and the ability to explain it clearly',
        'Both the theoretical definition and what it means in practice for model development',
      ],
      pitfalls: [
        'Defines bias and variance without the trade-off between them',
        'Confuses the two terms',
        'No examples of high-bias and high-variance models',
        'Cannot say why it matters for choosing models and avoiding over- or underfitting',
      ],
      followUps: [
        'How would you detect whether a model has high bias or high variance?',
        'Which techniques reduce variance?',
        'How do ensembles such as random forests relate to the trade-off?',
      ],
      tags: ['ml-fundamentals'],
      dimensions: ['theory', 'communication'],
    },
    {
      key: 'recent-paper',
      prompt: 'Tell me about a research paper you read recently and found interesting: what did it contribute, and what are its limitations?',
      pointsOfAssessment: [
        'Passion for the field and keeping up with research',
        'Critical thinking: understanding, summarizing and critiquing new work',
      ],
      pitfalls: [
        'Has no paper ready to discuss',
        'Repeats the abstract without deeper understanding',
        'Cannot state a contribution beyond "it got a better score"',
        'Offers no critique or limitations',
      ],
      followUps: [
        'How would you try to overcome the limitations you mentioned?',
        'Which parts of the experimental setup convinced you, and which did not?',
        'How could its ideas apply to our work?',
      ],
      tags: ['research', 'papers'],
      dimensions: ['communication', 'rigor', 'framing'],
    },
    {
      key: 'fraud-detection',
      prompt: 'You are asked to build a system that detects fraudulent transactions. How would you approach it as a machine learning problem?',
      pointsOfAssessment: [
        'Practical problem solving, from data and features to model choice and evaluation',
        'A structured, end-to-end line of thought',
      ],
      pitfalls: [
        'Jumps to a complex model such as a neural network without discussing data, features or class imbalance',
        'Proposes accuracy as the main evaluation metric',
        'Ignores the business context, such as the cost of a missed fraud versus a false alarm',
      ],
      followUps: [
        'What data would you ask for?',
        'How would you deploy and monitor the model in production?',
        'How would you handle fraud patterns that change over time?',
      ],
      tags: ['applied-ml', 'imbalanced-data'],
      dimensions: ['framing', 'coding', 'rigor'],
    },
    {
      key: 'regularization',
      prompt: 'Explain the difference between L1 and L2 regularization and what each does to model weights.',
      pointsOfAssessment: [
        'Knowledge of core techniques that prevent overfitting',
        'Both the mathematical difference and the practical outcome of each',
      ],
      pitfalls: [
        'Mixes up which is Lasso and which is Ridge',
        'Cannot explain why L1 yields sparse weights (the shape of its penalty)',
        'Misses the practical value of L1 as feature selection',
      ],
      followUps: [
        'When would you prefer L1 over L2?',
        'How does the regularization strength (lambda) affect the model?',
        'Can L1 and L2 be combined, and what is that called?',
      ],
      tags: ['ml-fundamentals', 'regularization'],
      dimensions: ['theory'],
    },
    {
      key: 'transformer',
      prompt: 'How does a Transformer work, and what is the self-attention mechanism for?',
      pointsOfAssessment: [
        'Understanding of a foundational deep learning architecture, especially for NLP',
        'A conceptual grasp of attention and why it is so powerful',
      ],
      pitfalls: [
        'Describes attention vaguely as "paying attention to important words"',
        'Cannot explain the roles of the query, key and value vectors',
        'Confuses self-attention with the earlier attention used with RNNs',
        'Leaves out the parallelism it gains over recurrent models',
      ],
      followUps: [
        'What is multi-head attention for?',
        'What role do positional encodings play?',
        'How does BERT differ from the original Transformer?',
      ],
      tags: ['deep-learning', 'nlp'],
      dimensions: ['deep-learning'],
    },
    {
      key: 'research-failure',
      prompt: 'Describe a research project that failed or produced unexpected results. What did you do, and what did you learn?',
      pointsOfAssessment: ['Resilience, scientific curiosity and problem solving', 'How the candidate handles setbacks and learns from mistakes'],
      pitfalls: [
        'Claims never to have failed',
        'Blames external factors such as data or tools without taking ownership',
        'Cannot state a clear lesson',
      ],
      followUps: [
        'How do you decide when to stop pursuing a direction that is not working?',
        'How did you communicate the negative results to your team or manager?',
        'Has the experience changed how you approach research?',
      ],
      tags: ['behavioral', 'research'],
      dimensions: ['rigor', 'communication'],
    },
    {
      key: 'ab-test-recommendations',
      prompt: 'How would you design an A/B test for a new recommendation algorithm you built for an e-commerce site?',
      pointsOfAssessment: [
        'The applied side of machine learning: experimental design',
        'Statistical significance and choosing metrics that reflect business value',
      ],
      pitfalls: [
        'No primary success metric',
        'Leaves out randomization or statistical significance',
        'Chooses a vague metric such as "user satisfaction" without saying how to measure it',
        'Overlooks side effects such as extra computation time',
      ],
      followUps: [
        'What biases or pitfalls could affect this design?',
        'How would you determine the sample size?',
        'What would you do if the results were flat or inconclusive?',
      ],
      tags: ['experimentation', 'ab-testing'],
      dimensions: ['rigor', 'framing'],
    },
    {
      key: 'generative-discriminative',
      prompt: 'What is the difference between generative and discriminative models? Give an example of each.',
      pointsOfAssessment: ['Knowledge of the two modeling paradigms', 'A clear, concise account of the theoretical distinction'],
      pitfalls: [
        'No clear definition',
        'Mixes up which distribution each kind learns',
        'Gives wrong examples, such as calling an SVM generative',
        'Cannot state practical differences, such as generating new samples',
      ],
      followUps: [
        'Are GANs generative models? Why?',
        'When might a generative model be preferred over a discriminative one?',
        'Is a decision tree generative or discriminative?',
      ],
      tags: ['ml-fundamentals'],
      dimensions: ['theory'],
    },
    {
      key: 'k-means',
      prompt: 'How would you implement the K-Means clustering algorithm from scratch?',
      pointsOfAssessment: [
        'Fundamental algorithmic understanding, in pseudo-code',
        'Breaking a well-known algorithm down into its core logical steps',
      ],
      pitfalls: [
        'Forgets a key step: initialization, assignment or update',
        'No clear stopping condition',
        'Cannot explain how distances are computed or centroids updated',
        'Gets stuck on details without describing the high-level logic',
      ],
      followUps: ['What are the weaknesses of K-Means?', 'How would you choose K?', 'What is K-Means++ initialization and why is it useful?'],
      tags: ['algorithms', 'coding', 'clustering'],
      dimensions: ['coding'],
    },
    {
      key: 'future-of-ml',
      prompt: 'Where do you see machine learning heading over the next five years?',
      pointsOfAssessment: [
        'Strategic thinking, passion and awareness of industry trends',
        'Whether the candidate is a forward-looking scientist, not only a practitioner',
      ],
      pitfalls: [
        'A generic answer such as "AI will get better"',
        'Focuses on one narrow trend',
        'Names trends without explaining why they matter or what drives them',
      ],
      followUps: [
        'Which of these trends would you most like to work on?',
        'What are the biggest ethical challenges they raise?',
        'How will they change the role of a research scientist?',
      ],
      tags: ['research', 'trends'],
      dimensions: ['communication', 'framing'],
    },
  ],
};
