import type { NewProgramme } from '../../data/demo/demo-rows.js'

/**
 * Demo programmes across the topics parents asked for in the city's parenting strategy: child
 * behaviour, toilet training, perinatal and parental mental health, children's emotional
 * wellbeing, talking with teenagers, early language and play, healthy relationships in the family.
 * Ages are in months (see schema/catalogue.ts).
 */
export const demoProgrammes: NewProgramme[] = [
  {
    slug: 'incredible-years',
    title: 'Incredible Years',
    summary: 'A 10-week group for parents who want calmer days and fewer battles with their young child.',
    description:
      "Incredible Years is an evidence-based parenting programme used around the world. Over 10 weekly sessions you will learn how to play in ways that build your child's confidence, use praise and rewards that work, set clear and calm limits, and handle tantrums and misbehaviour.\n\nSessions are friendly and practical. You will watch short video clips, talk with other parents and try ideas at home between sessions. There are no tests and nobody will judge you.",
    topics: ['child-behaviour', 'emotional-wellbeing'],
    childAgeFromMonths: 36,
    childAgeToMonths: 96,
  },
  {
    slug: 'solihull-understanding-your-child',
    title: 'Solihull Approach: Understanding your child',
    summary: "Understand what is behind your child's feelings and behaviour, from babies to teenagers.",
    description:
      'This 10-week group, based on the Solihull Approach, helps you understand how your child develops and what their behaviour might be telling you. It covers feelings, sleep, routines, tantrums, and how your own feelings affect your child.\n\nIt suits parents and carers of children of any age up to 18. It runs at family hubs and online.',
    topics: ['child-behaviour', 'emotional-wellbeing', 'healthy-relationships'],
    childAgeFromMonths: 0,
    childAgeToMonths: 216,
    delivery: 'both',
  },
  {
    slug: 'understanding-your-childs-feelings-online',
    title: "Understanding your child's feelings (online)",
    summary: 'An evening group online for parents of primary school children who have big feelings.',
    description:
      'Worries, anger and sadness are part of growing up, but they can be hard for the whole family. In this 6-week online group you will learn how to notice and name feelings with your child, help them calm down, and know when and where to get more help.\n\nSessions are on a video call in the evening, so you can join once the children are in bed. You can keep your camera off if you prefer.',
    topics: ['emotional-wellbeing', 'child-behaviour'],
    childAgeFromMonths: 60,
    childAgeToMonths: 132,
    delivery: 'online',
  },
  {
    slug: 'toilet-training-drop-in',
    title: 'Toilet training drop-in',
    summary: 'Bring your questions about potty training, wetting and constipation to a family hub nurse.',
    description:
      'Our early years practitioners and a nursery nurse from the health visiting team give practical advice on when to start toilet training, what to try when it is not working, night-time wetting and constipation.\n\nBring your child if you like. Book a place so we know how many people to expect.',
    topics: ['toilet-training'],
    childAgeFromMonths: 18,
    childAgeToMonths: 60,
  },
  {
    slug: 'baby-massage',
    title: 'Baby massage',
    summary: 'Five relaxed sessions to learn gentle massage and get to know your baby.',
    description:
      'Baby massage can help your baby to settle and sleep, ease wind and colic, and help you both feel close. A trained instructor shows you each step, and there is time to chat with other parents over a cup of tea.\n\nFor babies from 6 weeks old until they start crawling. Bring a towel and a blanket. We provide the oil.',
    topics: ['early-language-and-play', 'perinatal-mental-health'],
    childAgeFromMonths: 0,
    childAgeToMonths: 12,
  },
  {
    slug: 'stay-and-play',
    title: 'Stay and play',
    summary: 'Play, songs and stories for under-5s, with staff on hand for a chat.',
    description:
      'A free, friendly play session for babies, toddlers and pre-school children with their parents or carers. There is messy play, toys, songs and a story. Family hub staff are there if you want advice on anything from sleep to nursery places.\n\nBook a place for each session you want to come to.',
    topics: ['early-language-and-play'],
    childAgeFromMonths: 0,
    childAgeToMonths: 60,
  },
  {
    slug: 'esol-friendly-stay-and-play',
    title: 'ESOL friendly stay and play',
    summary: 'Stay and play for families who are learning English, with simple English and picture cards.',
    description:
      'A stay and play session for families who speak English as an additional language. Staff use simple English, pictures and gestures, and help you practise everyday words while your child plays.\n\nYou can also find out about English classes, nursery places and other help in the city.',
    topics: ['early-language-and-play'],
    childAgeFromMonths: 0,
    childAgeToMonths: 60,
  },
  {
    slug: 'punjabi-rhyme-time',
    title: 'Rhymes and stories in Punjabi',
    summary: 'Songs, rhymes and stories in Punjabi and English for babies and toddlers.',
    description:
      'Share songs, rhymes and picture books in Punjabi and English with your little one. Speaking your home language with your child is one of the best things you can do for their language and learning.\n\nThe session is led in Punjabi by a bilingual early years practitioner. Everyone is welcome.',
    topics: ['early-language-and-play'],
    childAgeFromMonths: 0,
    childAgeToMonths: 48,
    language: 'Punjabi',
  },
  {
    slug: 'understanding-your-child-arabic',
    title: 'Understanding your child (in Arabic)',
    summary: 'A 6-week parenting group led in Arabic for parents of children aged 4 to 11.',
    description:
      "A parenting group led in Arabic by a bilingual family support worker. Together we talk about children's behaviour and feelings, routines, school, and bringing up children between two cultures.\n\nChildcare is available for younger children at the hub: tell us when you book.",
    topics: ['child-behaviour', 'emotional-wellbeing'],
    childAgeFromMonths: 48,
    childAgeToMonths: 132,
    language: 'Arabic',
  },
  {
    slug: 'talk-and-play',
    title: 'Talk and play',
    summary: "Simple ways to help your toddler's talking through everyday play.",
    description:
      'A 4-week group with a speech and language practitioner. You will learn easy games and habits that help your child understand and use more words, like commenting on play, sharing books and turning off background noise.\n\nBring your child: the sessions are hands-on.',
    topics: ['early-language-and-play'],
    childAgeFromMonths: 12,
    childAgeToMonths: 36,
  },
  {
    slug: 'baby-and-me',
    title: 'Baby and me (bumps and babies)',
    summary: 'A weekly drop-in for parents-to-be and parents of young babies.',
    description:
      'Meet other parents in your area before and after your baby arrives. Each week a midwife, health visitor or family hub practitioner is there to talk about feeding, sleep, your own wellbeing and getting to know your baby.\n\nPartners are welcome too.',
    topics: ['perinatal-mental-health', 'early-language-and-play'],
    audience: 'pregnant',
    childAgeFromMonths: 0,
    childAgeToMonths: 12,
  },
  {
    slug: 'perinatal-mental-health-support-group',
    title: 'Perinatal mental health support group',
    summary: 'A small, confidential group for parents struggling with their mental health in pregnancy or after birth.',
    description:
      'Many parents feel anxious, low or overwhelmed during pregnancy or in the first two years after their baby is born. This 6-week group, run with the perinatal mental health team, is a safe place to talk, learn ways to cope and feel less alone.\n\nPlaces are by referral so that we can talk with you first and make sure the group is right for you. Your baby is welcome to come with you.',
    topics: ['perinatal-mental-health'],
    audience: 'pregnant',
    childAgeFromMonths: 0,
    childAgeToMonths: 24,
    bookingMode: 'referral',
  },
  {
    slug: 'dads-group',
    title: "Dads' group",
    summary: 'A Saturday morning group for dads, step-dads and male carers and their children.',
    description:
      'Play with your children, meet other dads and have a brew. Every other Saturday, with a different activity each time: den building, football, cooking or crafts.\n\nA family hub worker is there if you want a chat about being a dad, your relationship or your own wellbeing.',
    topics: ['healthy-relationships', 'perinatal-mental-health'],
    childAgeFromMonths: 0,
    childAgeToMonths: 96,
  },
  {
    slug: 'talking-teens',
    title: 'Talking teens',
    summary: 'Keep talking with your teenager, with fewer arguments.',
    description:
      'Talking Teens is a 6-week evening group for parents and carers of 11 to 18 year olds. You will learn how to talk and listen so your teenager talks back, handle conflict calmly, agree boundaries and support their mental health.\n\nBased on the Triple P Teen programme.',
    topics: ['talking-with-teenagers', 'healthy-relationships', 'emotional-wellbeing'],
    childAgeFromMonths: 132,
    childAgeToMonths: 216,
  },
  {
    slug: 'healthy-relationships',
    title: 'Healthy relationships',
    summary: 'For parents who argue a lot, live apart or are going through a separation.',
    description:
      'Arguments between parents affect children, whether you are together or apart. This 6-week group helps you understand the effect of conflict on children, communicate better with the other parent, and put your children at the centre of decisions.\n\nIf you are worried about your safety at home, talk to a family hub worker in private: this group is not the right place for domestic abuse support, but we can help you find it.',
    topics: ['healthy-relationships'],
  },
  {
    slug: 'solihull-practitioner-foundation',
    title: 'Solihull Approach foundation training for practitioners',
    summary: "Four online mornings for practitioners who support parents, run by the city's workforce development team.",
    description:
      'An introduction to the Solihull Approach model (containment, reciprocity and behaviour management) for practitioners in health, education, social care and the voluntary sector who work with families.\n\nYou will need to come to all 4 sessions to get your certificate.',
    topics: ['child-behaviour', 'emotional-wellbeing'],
    audience: 'practitioners',
    delivery: 'online',
  },
]
