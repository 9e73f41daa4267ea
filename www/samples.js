// Sample articles for "Try a sample", written for this page. The people and the companies in
// them are invented; the countries, agencies and threat groups are real. Each one quotes
// officials by full name, by title and by pronoun, continues a quote into its own paragraph,
// and uses scare quotes. The indicators are defanged and use documentation addresses.

export const SAMPLES = Object.freeze([
  {
    title: 'Hackers and sanctions',
    text: `WASHINGTON — The United States and the European Union imposed sanctions on Tuesday on six Russian military intelligence officers accused of running a hacking campaign against energy companies in Poland and Germany.

The Treasury Department said the officers belonged to the GRU unit tracked by researchers as Sandworm, also known as APT44, which has been blamed for the NotPetya attack in 2017. Investigators said the group broke into the networks through spear-phishing emails and a vulnerability in remote-access software, CVE-2023-3519, before deploying wiper malware.

“These operatives tried to turn off the heating in the middle of winter,” Treasury Secretary Margaret Ellison told reporters. “We will not let that pass.”

Ellison said the measures freeze any assets the officers hold in American banks. She added that the department was working with Microsoft and other companies to trace the servers used in the intrusions.

In Brussels, the EU’s foreign policy chief, Tomasz Wieczorek, described the campaign as part of a pattern of “hybrid warfare” by Moscow.

“For two years we have watched the same units probe our grids, our water systems and our hospitals. Each time they come back better prepared,” the foreign policy chief said.

“Today we are showing them that there is a price to pay.”

The Kremlin rejected the accusations. A spokesman, Dmitry Orlov, called the sanctions “theatre” and said Russia had nothing to do with the attacks. “Washington blames Moscow for every breach in the world,” he said.

Researchers have tied the same group to Industroyer2, malware used against Ukraine’s power grid, and said the new intrusions shared command-and-control infrastructure with those attacks.`,
  },
  {
    title: 'Election disinformation',
    text: `PARIS — French authorities said on Thursday that they had uncovered a network of fake news sites and social media accounts spreading false claims about the country’s regional elections, the latest in a series of influence operations traced to Russia.

Viginum, the government agency that tracks foreign digital interference, said the campaign, which it called “Matriochka”, used hundreds of bot accounts on X and Telegram to push fabricated videos of ballots being destroyed.

“This is a coordinated disinformation campaign designed to make voters doubt the result before a single vote is counted,” said Claire Dumont, the agency’s director. “It copies the look of real newspapers to borrow their credibility.”

She said the operators had registered dozens of look-alike domains imitating Le Monde and Libération.

Interior Minister Julien Marchetti told parliament that the government had asked platforms to remove the accounts within 48 hours. “We will not allow a troll farm to decide who governs our regions,” the minister said.

“We know where these accounts come from, and we know who pays for them. The evidence will be published.

“Every citizen will be able to judge it.”

Researchers at the Atlantic Council’s Digital Forensic Research Lab said the network resembled Doppelganger, a campaign that the European Union has linked to Russian companies close to the Kremlin. “The playbook is familiar: clone a trusted outlet, fill it with invented quotes, and amplify it with fake accounts,” said Nadia Karim, a researcher at the lab.

Moscow denied any role. Russian Foreign Ministry spokeswoman Irina Zakharchenko dismissed the report as “Russophobic hysteria”, and said France was looking for someone to blame for its own “so-called crisis of trust”.`,
  },
  {
    title: 'Ransomware at a hospital',
    text: `LONDON — A ransomware attack on a group of London hospitals has forced surgeons to cancel operations and divert ambulances for a third day, officials said on Wednesday.

The National Health Service said the attack hit Medilab Pathology, a company that processes blood tests for several hospital trusts. The criminal group Qilin claimed responsibility on its leak site and threatened to publish stolen patient data unless a ransom was paid.

“This is a callous attack on patients and staff,” said Health Secretary Rebecca Holloway. “Our priority is to keep people safe, and we will not be paying criminals.”

Holloway said the National Cyber Security Centre was working with the company to restore its systems. She declined to say how much the attackers had demanded.

According to an advisory from the centre, the intruders gained access through an unpatched Citrix gateway vulnerable to CVE-2023-4966, known as “Citrix Bleed”, then moved laterally with stolen credentials before encrypting servers. The advisory lists indicators of compromise, including the IP address 203.0.113[.]47, the domain update-medilab[.]net and a file with the SHA-256 hash 3f1a9c4e7b2d8e6f0a5c9d3b1e7f4a2c6d8b0e9f1a3c5e7d9b2f4a6c8e0d1f3a.

“We are seeing the same tools and the same infrastructure that this group used against other health providers last year,” said Paul Arkwright, the centre’s chief technology officer.

“Anyone running that gateway should patch it today, rotate their passwords and check their logs for the addresses in our advisory. Waiting a week is too long.”

Hospital staff described a return to “pen and paper” medicine. A senior nurse, who asked not to be named, said test results were arriving by courier. “We are doing our best, but everything takes three times as long,” she said.

The company’s chief executive, Mark Dorsey, apologised to patients. He said Medilab had isolated the affected systems and that there was no evidence that the attackers had reached hospital networks. “We are sorry for the distress this has caused,” he said.`,
  },
]);
