import type { RoleTemplate } from '../role-template';

/**
 * Senior Applied Scientist.
 * - Dimensions and weights: the role blueprint's example scorecard (15/20/15/20/10/10/10); descriptions follow its
 *   hiring evaluation criteria; its strong / weak / red-flag signals are filed under the dimension they speak to.
 * - Questions: the ten questions of the senior applied scientist interview guide, with their points of assessment,
 *   common pitfalls and follow-ups.
 * - Rounds: the five things a senior applied-scientist loop tests (scoping, shipping, science, communication under
 *   disagreement, being good to work with) plus the blueprint's recommended system-design and experimentation cases.
 *   Every dimension is the focus of at least two rounds.
 */
export const SENIOR_APPLIED_SCIENTIST: RoleTemplate = {
  key: 'senior-applied-scientist',
  title: 'Senior Applied Scientist',
  level: 'Senior',
  department: 'Applied Science',
  summary:
    'Builds, validates and ships production ML that moves product metrics, with sound experimentation, MLOps and Responsible AI practice. ' +
    'The loop checks scoping, real shipping experience, scientific depth, communication under pushback and collaboration.',
  sources: ['senior-applied-scientist-role-blueprint.txt', 'senior-applied-scientist-interview-guide.txt', 'applied-scientist-loop-five-signals.txt'],
  focusAreas: [
    {
      key: 'scoping',
      name: 'Scoping an ambiguous problem',
      description:
        'The richest signal of a senior loop: before solving, the candidate asks who the user is, what a bad output costs, the latency budget, what data and labels exist and which constraints apply, and agrees what success means.',
      roundKeys: ['scoping-screen', 'system-design'],
    },
    {
      key: 'shipping',
      name: 'Evidence of having shipped',
      description:
        'People who built ML systems end to end tell specific failure stories with specific diagnoses, reach for the unglamorous parts (evaluation pipelines, monitoring, versioning, rollback, on-call) and can name projects they stopped.',
      roundKeys: ['shipped-deep-dive', 'system-design'],
    },
    {
      key: 'science',
      name: 'The science, not just the recipe',
      description:
        'Knows why common choices work (losses, normalization, regularization, optimization) so they can debug what breaks, rather than reciting formulas.',
      roundKeys: ['ml-breadth', 'shipped-deep-dive'],
    },
    {
      key: 'communication',
      name: 'Communication under disagreement',
      description:
        'When pushed back on, a senior candidate neither digs in nor folds: they clarify the objection, accept what is valid and defend the rest with evidence. Often what separates the mid level from the senior level.',
      roundKeys: ['behavioral', 'scoping-screen'],
    },
    {
      key: 'presence',
      name: 'Someone people want in the room',
      description:
        'Collaborative, curious and low-ego: thinks aloud, updates visibly on new information and treats the interview as a conversation with a colleague.',
      roundKeys: ['behavioral', 'experimentation-case'],
    },
  ],
  dimensions: [
    {
      key: 'framing',
      name: 'Problem framing & metrics',
      description:
        'Turns a vague product problem into a measurable ML objective with constraints, guardrails and success criteria agreed before solving.',
      weight: 15,
      rubric: {
        '1': 'Goes straight to a model; cannot say what success means or which constraints apply.',
        '2': 'States an objective, but metrics, guardrails or constraints stay vague; asks clarifying questions only when prompted.',
        '3': 'Asks about users, cost of errors, data, latency and constraints, then sets a clear objective, success metric and guardrails before solving.',
        '4': 'Scopes like an owner: surfaces hidden unknowns, ties the metric to the decision and the available interventions, and reframes the problem when that is the better bet.',
      },
      signals: {
        strong: [
          'Thinks in a structured way and drives ambiguous work to a decision',
          'Spends the first minutes scoping: user, cost of a bad output, latency budget, data and labels, constraints',
        ],
        weak: ['Proposes a specific model before the problem and its success metric are defined'],
        redFlags: [],
      },
    },
    {
      key: 'modeling',
      name: 'Modeling & evaluation depth',
      description: 'Picks sensible baselines, diagnoses errors and avoids overfitting to offline metrics; understands why common techniques work.',
      weight: 20,
      rubric: {
        '1': 'Recipe-level knowledge; cannot justify model or metric choices, or explains core concepts incorrectly.',
        '2': 'Knows the standard techniques but reasons shallowly: weak baselines, little error analysis, trusts a single offline number.',
        '3': 'Starts from sound baselines, does error and slice analysis, chooses metrics that fit the problem and explains the why behind common choices.',
        '4': 'Deep, transferable understanding: anticipates failure modes, designs ablations that isolate causes and knows when a simpler model is the better product decision.',
      },
      signals: {
        strong: ['Uses baselines, ablations and slice metrics as a matter of routine'],
        weak: ['Talks only about model architecture, with no thought for measurement or deployment'],
        redFlags: [
          'Claims results that are implausible or cannot explain how they were obtained',
          'Cannot describe the failure modes or limits of their own approach',
        ],
      },
    },
    {
      key: 'experimentation',
      name: 'Experimentation & statistics',
      description:
        'At ease with A/B testing, statistical power, bias and confounding; reads noisy outcomes correctly and makes ship / no-ship calls.',
      weight: 15,
      rubric: {
        '1': 'Cannot design a basic controlled experiment; confuses correlation with causal impact.',
        '2': 'Knows the A/B vocabulary but skips power, guardrail metrics or randomization; draws conclusions from noise.',
        '3': 'Designs a sound test (hypothesis, primary and guardrail metrics, randomization unit, power analysis, decision rule) and knows the usual pitfalls.',
        '4': 'Handles the hard cases (interference, novelty effects, metrics moving in opposite directions, offline and online disagreeing) and makes a reasoned launch call.',
      },
      signals: {
        strong: ['Frames a launch around a hypothesis, guardrail metrics and a power analysis'],
        weak: ['Treats A/B testing superficially; cannot explain power, guardrails or bias'],
        redFlags: [],
      },
    },
    {
      key: 'production',
      name: 'Production ML & MLOps',
      description: 'Knows what running a model in production takes: monitoring, drift, retraining, rollback, CI/CD, and latency and cost trade-offs.',
      weight: 20,
      rubric: {
        '1': 'No production experience shows; the story ends in the offline notebook.',
        '2': 'Contributed to a production system but cannot describe its monitoring, retraining or rollback, or how latency and cost shaped it.',
        '3': 'Has shipped ML end to end; covers monitoring, drift detection, retraining and rollback, and trades accuracy against latency and cost.',
        '4': 'Owns production ML: specific failures with their diagnoses, projects stopped and why, safe rollouts and automated quality gates.',
      },
      signals: {
        strong: [
          'Has shipped at least one ML system to production and kept improving it with monitoring',
          'Reaches for the unglamorous parts unprompted: evaluation pipelines, monitoring, versioning, rollback',
        ],
        weak: ['Unaware of lifecycle needs such as monitoring, drift and retraining', 'Avoids owning incidents or production problems'],
        redFlags: ['Would launch without guardrails, a rollback plan or monitoring'],
      },
    },
    {
      key: 'data',
      name: 'Data skills',
      description: 'SQL competence, debugging data problems, preventing leakage and designing datasets.',
      weight: 10,
      rubric: {
        '1': 'Cannot query or reason about the data a model needs; misses obvious leakage.',
        '2': 'Basic SQL and cleaning, but handles missing values or labels with one default and little investigation.',
        '3': 'Writes correct queries, investigates missingness and label quality before choosing a treatment, and builds datasets without leakage.',
        '4': 'Designs datasets and sampling deliberately, finds subtle leakage and skew fast, and builds data checks others reuse.',
      },
      signals: {
        strong: ['Notices leakage risks quickly'],
        weak: ['Applies one missing-data method without asking why the data is missing'],
        redFlags: [],
      },
    },
    {
      key: 'responsible-ai',
      name: 'Responsible AI & risk',
      description:
        'Anticipates harms (fairness, privacy, safety, misuse), puts practical mitigations in place and works within governance requirements.',
      weight: 10,
      rubric: {
        '1': 'Does not see the risks, or treats them as somebody else’s concern.',
        '2': 'Names generic risks when asked but has no concrete mitigation or test.',
        '3': 'Identifies the risks specific to the feature, proposes mitigations and tests, and documents them (e.g. in a model card).',
        '4': 'Builds risk thinking into the design from the start, weighs trade-offs with customer trust in mind and helps shape governance for others.',
      },
      signals: {
        strong: ['Mature about governance and customer trust; does not wave risk away'],
        weak: ['Brings up risks only when asked'],
        redFlags: ['Treats Responsible AI or privacy as someone else’s job'],
      },
    },
    {
      key: 'collaboration',
      name: 'Collaboration & communication',
      description: 'Clear in writing and speech, influences across functions without authority, mentors, and engages constructively when challenged.',
      weight: 10,
      rubric: {
        '1': 'Unclear or defensive; cannot explain the work to non-specialists.',
        '2': 'Explains adequately but digs in or gives way at once when challenged; little evidence of cross-functional influence.',
        '3': 'Explains trade-offs plainly, persuades with data and prototypes, and under pushback clarifies, concedes what is valid and defends the rest with evidence.',
        '4': 'Shapes decisions across teams, turns disagreement into a better joint decision and raises others through mentoring.',
      },
      signals: {
        strong: [
          'Explains trade-offs clearly: accuracy against latency, cost and safety',
          'Under pushback, engages: clarifies the objection, accepts what is valid, defends the rest with evidence',
        ],
        weak: ['Leans on jargon; cannot explain results to non-specialists'],
        redFlags: ['Keeps blaming data or engineering instead of solving problems together'],
      },
    },
  ],
  rounds: [
    {
      key: 'scoping-screen',
      name: 'Scoping screen',
      kind: 'screen',
      durationMinutes: 45,
      purpose: 'Does the candidate scope an ambiguous business problem before solving it, and explain their thinking plainly?',
      focus: ['framing', 'collaboration'],
      questions: ['churn'],
    },
    {
      key: 'shipped-deep-dive',
      name: 'Shipped-work deep dive',
      kind: 'technical',
      durationMinutes: 60,
      purpose: 'Dig into one project the candidate owned end to end: specific failures, decisions, monitoring and measured impact.',
      focus: ['production', 'modeling', 'experimentation'],
      questions: ['end-to-end-project'],
    },
    {
      key: 'ml-breadth',
      name: 'ML breadth: the science behind the recipe',
      kind: 'technical',
      durationMinutes: 60,
      purpose: 'Probe the why behind common modeling and data choices.',
      focus: ['modeling', 'data'],
      questions: ['bias-variance', 'regularization', 'missing-data', 'generative-discriminative'],
    },
    {
      key: 'system-design',
      name: 'ML system design',
      kind: 'system_design',
      durationMinutes: 60,
      purpose: 'Design data → model → serving → monitoring for a product feature, with SLOs, retraining, rollback and risk controls.',
      focus: ['framing', 'production', 'responsible-ai'],
      questions: ['video-recommendations'],
    },
    {
      key: 'experimentation-case',
      name: 'Experimentation case',
      kind: 'case',
      durationMinutes: 60,
      purpose: 'Design and read an online experiment, spot its pitfalls and risks to users, and make a ship / no-ship call.',
      focus: ['experimentation', 'data', 'responsible-ai'],
      questions: ['ab-test-ranking'],
    },
    {
      key: 'behavioral',
      name: 'Behavioral: influence and disagreement',
      kind: 'behavioral',
      durationMinutes: 45,
      purpose: 'How the candidate influences without authority, handles pushback, owns problems and keeps learning.',
      focus: ['collaboration', 'responsible-ai'],
      questions: ['influence-without-authority', 'staying-current'],
    },
  ],
  questions: [
    {
      key: 'end-to-end-project',
      prompt: 'Walk me through the most challenging machine learning project you have owned from start to finish.',
      pointsOfAssessment: [
        'How the candidate handles complexity and owns the whole lifecycle, from defining the problem to production',
        'Whether technical choices are tied to business impact with concrete numbers',
        'How clearly they explain why each decision was made',
      ],
      pitfalls: [
        'Talks only about the modeling and skips data collection, features, deployment or business impact',
        'Cannot state the problem clearly or the reasoning behind the technical choices',
        'Overstates the outcome without specific metrics',
      ],
      followUps: [
        'Why that model family rather than an alternative such as a neural network?',
        'How did you handle class imbalance (or the hardest data issue) in production?',
        'How did you watch for performance degradation or concept drift after launch?',
      ],
      tags: ['ml-project', 'ownership'],
      dimensions: ['production', 'modeling'],
    },
    {
      key: 'video-recommendations',
      prompt: 'Design a system that serves personalized video recommendations on a large streaming platform.',
      pointsOfAssessment: [
        'Structured thinking about a complex system: turning business needs into technical components',
        'Reasoning about data, modeling and deployment at scale, and the trade-offs between options',
      ],
      pitfalls: [
        'Stays generic, with no concrete components',
        'Ignores the scale of the problem (millions of users and items)',
        'Leaves out candidate generation, feature engineering, or how the system is evaluated online with A/B tests',
      ],
      followUps: [
        'How do you handle cold start for new users or new videos?',
        'Which metrics evaluate the ranking model offline, and which online?',
        "How would the system react at once to a user's real-time interactions?",
      ],
      tags: ['system-design', 'recommendations'],
      dimensions: ['framing', 'production'],
    },
    {
      key: 'bias-variance',
      prompt: 'Explain the bias-variance trade-off to a product manager with no machine learning background.',
      pointsOfAssessment: [
        'Genuine understanding of a fundamental concept',
        'Whether the candidate can turn a technical idea into a simple, intuitive analogy for a non-technical listener',
      ],
      pitfalls: [
        'Uses jargon such as overfitting, underfitting or regularization without explaining it',
        'Gives a purely mathematical definition',
        'Offers no clear, relatable analogy',
      ],
      followUps: [
        'Give an example of a high-bias model and of a high-variance model.',
        'How would you tell in practice which of the two a model suffers from?',
        'Which techniques would you use to reduce high variance?',
      ],
      tags: ['ml-fundamentals', 'communication'],
      dimensions: ['modeling', 'collaboration'],
    },
    {
      key: 'churn',
      prompt: 'A business stakeholder wants to use AI to reduce customer churn. How do you take on the request?',
      pointsOfAssessment: [
        'Problem formulation and business sense',
        'Whether the candidate first asks clarifying questions about the definition of churn, success metrics and constraints instead of jumping to a solution',
      ],
      pitfalls: [
        'Names a model (e.g. a random forest) before the problem is defined',
        'Does not ask what data exists or what the business can do with a prediction',
        'Has no business measure of success for the project',
      ],
      followUps: [
        'Which features would you expect to matter most?',
        'How would you show that the model actually caused the reduction in churn?',
        'What ethical considerations or risks does the project carry?',
      ],
      tags: ['problem-framing', 'business-impact'],
      dimensions: ['framing', 'experimentation', 'responsible-ai'],
    },
    {
      key: 'regularization',
      prompt: 'Compare L1 and L2 regularization. When would you choose one over the other?',
      pointsOfAssessment: [
        'Command of core machine learning theory',
        'Whether the candidate understands the mechanics and the practical consequences of each technique',
      ],
      pitfalls: [
        'Swaps which penalty belongs to L1 and which to L2',
        'Misses the key practical difference: L1 can drive weights to exactly zero and so selects features',
        'Cannot give a concrete scenario for each',
      ],
      followUps: [
        'Can you write down the L1 and L2 penalty terms?',
        'What is Elastic Net and why might it help?',
        'How does regularization shift the bias-variance trade-off?',
      ],
      tags: ['ml-fundamentals', 'regularization'],
      dimensions: ['modeling'],
    },
    {
      key: 'missing-data',
      prompt: 'How do you deal with missing data in a dataset, and what are the pros and cons of the different approaches?',
      pointsOfAssessment: [
        'A systematic approach to cleaning and preprocessing data',
        'Awareness of what each choice does to the data and the model',
      ],
      pitfalls: [
        'Offers a single method, such as dropping the rows',
        'Does not first investigate why the data is missing',
        'Does not weigh the trade-offs between methods',
      ],
      followUps: [
        'How do Missing Completely at Random and Missing at Random differ?',
        'How can a tree-based model such as LightGBM handle missing values without explicit imputation?',
        'When would imputing the mean be a particularly bad idea?',
      ],
      tags: ['data', 'data-quality'],
      dimensions: ['data'],
    },
    {
      key: 'influence-without-authority',
      prompt: 'Tell me about a time you had to influence a decision or a person without having authority over them.',
      pointsOfAssessment: [
        'Leadership, communication and influence, as expected at senior level',
        'How the candidate collaborates and drives an outcome within a team',
      ],
      pitfalls: [
        'A story of arguing until they got their way',
        'Persuasion not grounded in data and reasoning',
        "No empathy for the other side's perspective and concerns",
      ],
      followUps: [
        'What was the strongest pushback, and how did you handle it?',
        'What did you learn from it?',
        'What would you have done if your proposal had been rejected?',
      ],
      tags: ['behavioral', 'influence'],
      dimensions: ['collaboration'],
    },
    {
      key: 'staying-current',
      prompt: 'How do you keep up with new developments in machine learning?',
      pointsOfAssessment: [
        'Passion for the field and a deliberate habit of continuous learning',
        'A strategy for keeping skills sharp in a fast-moving field',
      ],
      pitfalls: [
        'A generic answer such as "I read articles"',
        'Cannot name specific conferences, blogs or researchers they follow',
        'No hands-on practice to consolidate what they learn',
      ],
      followUps: [
        'Tell me about a recent paper or blog post you found interesting, and why.',
        'How do you separate hype from techniques worth investing time in?',
        'Have you applied something you learned recently in your own work?',
      ],
      tags: ['behavioral', 'learning'],
      dimensions: ['collaboration'],
    },
    {
      key: 'generative-discriminative',
      prompt: 'What is the difference between a generative and a discriminative model?',
      pointsOfAssessment: [
        'Foundational understanding of the main classes of models',
        'Whether the candidate understands the theory behind what they build',
      ],
      pitfalls: [
        'Mixes up which probability distribution each kind of model learns',
        'Lists examples without the conceptual difference',
        'Cannot say what follows in practice, e.g. that generative models can produce new samples',
      ],
      followUps: [
        'Why do discriminative models often do better on classification tasks?',
        'Give a problem where a generative model is the better choice.',
        'Is Naive Bayes generative or discriminative, and why?',
      ],
      tags: ['ml-fundamentals'],
      dimensions: ['modeling'],
    },
    {
      key: 'ab-test-ranking',
      prompt: 'How would you design an A/B test to measure the impact of a new ranking algorithm on an e-commerce site?',
      pointsOfAssessment: [
        'Understanding of online experimentation, which decides the real-world impact of a model',
        'Reasoning about metrics, statistical significance and pitfalls',
      ],
      pitfalls: [
        'No explicit hypothesis or success metric',
        'No guardrail metrics for what must not get worse',
        'Leaves out randomization or statistical significance',
      ],
      followUps: [
        'What biases or pitfalls can affect the test, and how would you mitigate them?',
        'What would you do if the primary metric improved but a key guardrail such as latency got worse?',
        'How long should the experiment run?',
      ],
      tags: ['experimentation', 'ab-testing'],
      dimensions: ['experimentation'],
    },
  ],
};
