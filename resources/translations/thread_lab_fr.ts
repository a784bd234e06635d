<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Classroom</name>
    <message>
        <source>Lessons</source>
        <translation>Leçons</translation>
    </message>
    <message>
        <source>Choose an experiment and press Start, or follow the Lessons (F2).</source>
        <translation>Choisissez une expérience et appuyez sur Démarrer, ou suivez les Leçons (F2).</translation>
    </message>
    <message>
        <source>Threads: {n}</source>
        <translation>Threads : {n}</translation>
    </message>
    <message>
        <source>Presentation mode: F5 or Esc to leave.</source>
        <translation>Mode présentation : F5 ou Échap pour en sortir.</translation>
    </message>
    <message>
        <source>Presentation mode off.</source>
        <translation>Mode présentation désactivé.</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>Zoom {percent} %</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Mode &amp;présentation</translation>
    </message>
    <message>
        <source>Full screen, big text, thick lines, high contrast (F5)</source>
        <translation>Plein écran, grand texte, traits épais, contraste élevé (F5)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>Plein é&amp;cran</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Everything bigger (Ctrl+=)</source>
        <translation>Tout en plus grand (Ctrl+=)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Everything smaller (Ctrl+-)</source>
        <translation>Tout en plus petit (Ctrl+-)</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Taille &amp;normale</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Leçons</translation>
    </message>
    <message>
        <source>Show or hide the guided lessons (F2)</source>
        <translation>Afficher ou masquer les leçons guidées (F2)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <source>The list of keyboard shortcuts (? or F1)</source>
        <translation>La liste des raccourcis clavier (? ou F1)</translation>
    </message>
    <message>
        <source>Save the &amp;plots as PNG…</source>
        <translation>Enregistrer les &amp;graphiques en PNG…</translation>
    </message>
    <message>
        <source>Save the counter &amp;data as CSV…</source>
        <translation>Enregistrer les &amp;données du compteur en CSV…</translation>
    </message>
    <message>
        <source>Save the shared &amp;file as…</source>
        <translation>Enregistrer le &amp;fichier partagé sous…</translation>
    </message>
    <message>
        <source>Save as Python &amp;script…</source>
        <translation>Enregistrer en &amp;script Python…</translation>
    </message>
    <message>
        <source>The experiment as a plain threading program to run with python</source>
        <translation>L&apos;expérience sous forme d&apos;un simple programme threading à lancer avec python</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Counter plot: expected, actual and lost over time</source>
        <translation>Graphique du compteur : attendu, réel et perdus au fil du temps</translation>
    </message>
    <message>
        <source>Timeline: what each thread does over time</source>
        <translation>Chronologie : ce que fait chaque thread au fil du temps</translation>
    </message>
    <message>
        <source>How many threads are in each state</source>
        <translation>Combien de threads sont dans chaque état</translation>
    </message>
    <message>
        <source>Code, console and shared file</source>
        <translation>Code, console et fichier partagé</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>Labos</translation>
    </message>
    <message>
        <source>Experiment settings and summary</source>
        <translation>Réglages de l&apos;expérience et résumé</translation>
    </message>
    <message>
        <source>The run in progress was stopped to switch.</source>
        <translation>L&apos;exécution en cours a été arrêtée pour changer.</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <source>Start a run to see the code its threads execute.</source>
        <translation>Lancez une exécution pour voir le code qu&apos;exécutent ses threads.</translation>
    </message>
    <message>
        <source>Thread code</source>
        <translation>Code du thread</translation>
    </message>
    <message>
        <source>Main program</source>
        <translation>Programme principal</translation>
    </message>
    <message>
        <source>Main program code</source>
        <translation>Code du programme principal</translation>
    </message>
    <message>
        <source>Thread code: {name}</source>
        <translation>Code du thread : {name}</translation>
    </message>
    <message>
        <source>Main program: {name}</source>
        <translation>Programme principal : {name}</translation>
    </message>
    <message>
        <source>The lock is ON. (The code cannot be shown in this build.)</source>
        <translation>Le verrou est ACTIF. (Le code ne peut pas être affiché dans cette version.)</translation>
    </message>
    <message>
        <source>The lock is OFF. (The code cannot be shown in this build.)</source>
        <translation>Le verrou est INACTIF. (Le code ne peut pas être affiché dans cette version.)</translation>
    </message>
    <message>
        <source>{name} uses no lock: its threads never wait for each other.</source>
        <translation>{name} n&apos;utilise pas de verrou : ses threads ne s&apos;attendent jamais.</translation>
    </message>
    <message>
        <source>lock ON</source>
        <translation>verrou ACTIF</translation>
    </message>
    <message>
        <source>Lock ON: one thread at a time runs the lines under this `with`.</source>
        <translation>Verrou ACTIF : un seul thread à la fois exécute les lignes sous ce `with`.</translation>
    </message>
    <message>
        <source>Lock ON: only the thread holding the lock runs this line.</source>
        <translation>Verrou ACTIF : seul le thread qui détient le verrou exécute cette ligne.</translation>
    </message>
    <message>
        <source>Lock ON: `with self.lock:` lets one thread at a time run the block under it.</source>
        <translation>Verrou ACTIF : `with self.lock:` ne laisse qu&apos;un thread à la fois exécuter le bloc qui suit.</translation>
    </message>
    <message>
        <source>lock OFF</source>
        <translation>verrou INACTIF</translation>
    </message>
    <message>
        <source>Lock OFF: this line does nothing now.</source>
        <translation>Verrou INACTIF : cette ligne ne fait rien pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Lock OFF: `with self.lock:` does nothing now; threads run the block together.</source>
        <translation>Verrou INACTIF : `with self.lock:` ne fait rien pour l&apos;instant ; les threads exécutent le bloc ensemble.</translation>
    </message>
    <message>
        <source># The source of {name} cannot be shown: this build has no .py files.</source>
        <translation># Le code source de {name} ne peut pas être affiché : cette version n&apos;a pas de fichiers .py.</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>cette exécution</translation>
    </message>
    <message>
        <source>not this run</source>
        <translation>pas cette fois</translation>
    </message>
    <message>
        <source>Sequential: each worker runs here, one after another.</source>
        <translation>Séquentiel : chaque thread s&apos;exécute ici, l&apos;un après l&apos;autre.</translation>
    </message>
    <message>
        <source>Threaded: start() runs each worker in a new thread.</source>
        <translation>En threads : start() exécute chaque thread dans un nouveau thread.</translation>
    </message>
    <message>
        <source>skipped: join is off</source>
        <translation>sauté : join désactivé</translation>
    </message>
    <message>
        <source>join() makes main wait until that thread has finished.</source>
        <translation>join() fait attendre main jusqu&apos;à ce que ce thread soit terminé.</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Prints of the threads appear here, in the order they happened.</source>
        <translation>Les affichages des threads apparaissent ici, dans l&apos;ordre où ils ont eu lieu.</translation>
    </message>
    <message>
        <source>Console: what the threads printed</source>
        <translation>Console : ce que les threads ont affiché</translation>
    </message>
    <message>
        <source>Showing the last {shown} of {total} lines.</source>
        <translation>Affichage des {shown} dernières lignes sur {total}.</translation>
    </message>
    <message>
        <source>{total} lines, in the order they happened.</source>
        <translation>{total} lignes, dans l&apos;ordre où elles ont eu lieu.</translation>
    </message>
    <message>
        <source>The run finished.</source>
        <translation>L&apos;exécution est terminée.</translation>
    </message>
    <message>
        <source>The run stopped.</source>
        <translation>L&apos;exécution a été arrêtée.</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>L&apos;exécution a échoué.</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>Shared counter</source>
        <translation>Compteur partagé</translation>
    </message>
    <message>
        <source>Shared file</source>
        <translation>Fichier partagé</translation>
    </message>
    <message>
        <source>Sleeping threads</source>
        <translation>Threads qui dorment</translation>
    </message>
    <message>
        <source>in threads</source>
        <translation>dans des threads</translation>
    </message>
    <message>
        <source>one after another</source>
        <translation>l&apos;un après l&apos;autre</translation>
    </message>
    <message>
        <source>main waits with join()</source>
        <translation>main attend avec join()</translation>
    </message>
    <message>
        <source>bare counter += 1 (no pause)</source>
        <translation>counter += 1 sans pause</translation>
    </message>
    <message>
        <source>&amp;Experiment</source>
        <translation>&amp;Expérience</translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation>&amp;Threads</translation>
    </message>
    <message>
        <source>S&amp;leep</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Iterations</source>
        <translation>&amp;Itérations</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Expérience</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Lock (live: flip it mid-run)</source>
        <translation>Verrou (modifiable en direct)</translation>
    </message>
    <message>
        <source>▶  &amp;Start</source>
        <translation>▶  &amp;Démarrer</translation>
    </message>
    <message>
        <source>■  Sto&amp;p</source>
        <translation>■  A&amp;rrêter</translation>
    </message>
    <message>
        <source>Rese&amp;t</source>
        <translation>Réinitiali&amp;ser</translation>
    </message>
    <message>
        <source>Number of threads</source>
        <translation>Nombre de threads</translation>
    </message>
    <message>
        <source>Sleep duration in seconds</source>
        <translation>Durée de la pause en secondes</translation>
    </message>
    <message>
        <source>Iterations per thread</source>
        <translation>Itérations par thread</translation>
    </message>
    <message>
        <source>Lock switch</source>
        <translation>Interrupteur du verrou</translation>
    </message>
    <message>
        <source>Kind of lock</source>
        <translation>Type de verrou</translation>
    </message>
    <message>
        <source>Sequential or threaded</source>
        <translation>Séquentiel ou en threads</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Bare increment</source>
        <translation>Incrément seul</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Lock ON: one at a time</source>
        <translation>Avec verrou : un à la fois</translation>
    </message>
    <message>
        <source>Lock OFF: threads race</source>
        <translation>Sans verrou : la course</translation>
    </message>
</context>
<context>
    <name>CounterPlot</name>
    <message>
        <source>Start a run to see the counter.</source>
        <translation>Lancez une exécution pour voir le compteur.</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>compteur</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>temps (s)</translation>
    </message>
    <message>
        <source>its increments</source>
        <translation>ses incréments</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>thread</translation>
    </message>
    <message>
        <source>expected (increments made)</source>
        <translation>attendu (incréments faits)</translation>
    </message>
    <message>
        <source>lines written</source>
        <translation>lignes écrites</translation>
    </message>
    <message>
        <source>threads finished</source>
        <translation>threads terminés</translation>
    </message>
    <message>
        <source>actual (the shared counter)</source>
        <translation>réel (le compteur partagé)</translation>
    </message>
    <message>
        <source>lost = expected − actual</source>
        <translation>perdus = attendu − réel</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>lignes</translation>
    </message>
    <message>
        <source>all {n} threads</source>
        <translation>les {n} threads</translation>
    </message>
    <message>
        <source>goal: {n}</source>
        <translation>objectif : {n}</translation>
    </message>
    <message>
        <source>its lines</source>
        <translation>ses lignes</translation>
    </message>
    <message>
        <source>Each thread&apos;s own tally (goal: {n} lines)</source>
        <translation>Le décompte de chaque thread (objectif : {n} lignes)</translation>
    </message>
    <message>
        <source>Each thread&apos;s own tally (goal: {n} increments)</source>
        <translation>Le décompte de chaque thread (objectif : {n} incréments)</translation>
    </message>
    <message>
        <source>lock ON at {t} s</source>
        <translation>verrou ACTIF à {t} s</translation>
    </message>
    <message>
        <source>lock OFF at {t} s</source>
        <translation>verrou INACTIF à {t} s</translation>
    </message>
    <message>
        <source>lock ON</source>
        <translation>verrou ACTIF</translation>
    </message>
    <message>
        <source>lock OFF</source>
        <translation>verrou INACTIF</translation>
    </message>
    <message>
        <source>{done} of {threads} threads finished  ·  {t} s</source>
        <translation>{done} threads terminés sur {threads}  ·  {t} s</translation>
    </message>
    <message>
        <source>{written} of {total} lines written  ·  {lock}</source>
        <translation>{written} lignes écrites sur {total}  ·  {lock}</translation>
    </message>
    <message>
        <source>expected {expected}  ·  counter {actual}  ·  lost {lost}{share}  ·  {lock}</source>
        <translation>attendu {expected}  ·  compteur {actual}  ·  perdus {lost}{share}  ·  {lock}</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Could not make a picture of the plots.</source>
        <translation>Impossible de faire une image des graphiques.</translation>
    </message>
    <message>
        <source>Could not save the plots to {path}: {reason}</source>
        <translation>Impossible d&apos;enregistrer les graphiques dans {path} : {reason}</translation>
    </message>
    <message>
        <source>Could not save the data to {path}: {reason}</source>
        <translation>Impossible d&apos;enregistrer les données dans {path} : {reason}</translation>
    </message>
    <message>
        <source>Could not save the script to {path}: {reason}</source>
        <translation>Impossible d&apos;enregistrer le script dans {path} : {reason}</translation>
    </message>
    <message>
        <source>Save the plots as a picture</source>
        <translation>Enregistrer les graphiques en image</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved the plots to {path}</source>
        <translation>Graphiques enregistrés dans {path}</translation>
    </message>
    <message>
        <source>Save the counter data</source>
        <translation>Enregistrer les données du compteur</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved the data to {path}</source>
        <translation>Données enregistrées dans {path}</translation>
    </message>
    <message>
        <source>Save the experiment as a Python script</source>
        <translation>Enregistrer l&apos;expérience en script Python</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Fichiers Python (*.py)</translation>
    </message>
    <message>
        <source>Saved the script to {path}: run it with python {name}</source>
        <translation>Script enregistré dans {path} : lancez-le avec python {name}</translation>
    </message>
    <message>
        <source>Run the file experiment first: there is no shared file yet.</source>
        <translation>Lancez d&apos;abord l&apos;expérience du fichier : il n&apos;y a pas encore de fichier partagé.</translation>
    </message>
</context>
<context>
    <name>FilePreview</name>
    <message>
        <source>Torn line: another thread wrote between the two halves of a line.</source>
        <translation>Ligne déchirée : un autre thread a écrit entre les deux moitiés d&apos;une ligne.</translation>
    </message>
    <message>
        <source>A whole line from Thread {n}.</source>
        <translation>Une ligne entière du Thread {n}.</translation>
    </message>
    <message>
        <source>This pane shows the shared file of the “file” experiment: choose that experiment to watch threads write lines into one file, and see lines torn when the lock is off.</source>
        <translation>Ce panneau montre le fichier partagé de l&apos;expérience « fichier » : choisissez cette expérience pour voir des threads écrire des lignes dans un même fichier, et des lignes déchirées quand le verrou est inactif.</translation>
    </message>
    <message>
        <source>the shared file appears here when the run starts</source>
        <translation>le fichier partagé apparaît ici au début de l&apos;exécution</translation>
    </message>
    <message>
        <source>Path of the shared file</source>
        <translation>Chemin du fichier partagé</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Lines of the shared file</source>
        <translation>Lignes du fichier partagé</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>Could not open the folder {folder}.</source>
        <translation>Impossible d&apos;ouvrir le dossier {folder}.</translation>
    </message>
    <message>
        <source>Save a copy of the shared file</source>
        <translation>Enregistrer une copie du fichier partagé</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Fichiers texte (*.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not save a copy to {dest}: {reason}</source>
        <translation>Impossible d&apos;enregistrer une copie dans {dest} : {reason}</translation>
    </message>
    <message>
        <source>Saved a copy to {dest}</source>
        <translation>Copie enregistrée dans {dest}</translation>
    </message>
    <message>
        <source>The shared file was replaced by another file; showing the lines read before.</source>
        <translation>Le fichier partagé a été remplacé par un autre fichier ; affichage des lignes lues auparavant.</translation>
    </message>
    <message>
        <source>The shared file was cut short by someone else; showing the lines read before.</source>
        <translation>Le fichier partagé a été raccourci par quelqu&apos;un d&apos;autre ; affichage des lignes lues auparavant.</translation>
    </message>
    <message>
        <source>The shared file was deleted; showing the lines read before.</source>
        <translation>Le fichier partagé a été supprimé ; affichage des lignes lues auparavant.</translation>
    </message>
    <message>
        <source>The shared file cannot be read: {reason}; showing the lines read before.</source>
        <translation>Le fichier partagé ne peut pas être lu : {reason} ; affichage des lignes lues auparavant.</translation>
    </message>
    <message>
        <source>✓ {whole} whole lines    {mark} {torn} torn lines</source>
        <translation>✓ {whole} lignes entières    {mark} {torn} lignes déchirées</translation>
    </message>
    <message>
        <source>({n} expected)</source>
        <translation>({n} attendues)</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>lecture…</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>One after another, or at the same time</source>
        <translation>L&apos;un après l&apos;autre, ou en même temps</translation>
    </message>
    <message>
        <source>Five tasks each wait 2 seconds, like five downloads waiting for the network. Run them one after another, then each in its own thread.</source>
        <translation>Cinq tâches attendent chacune 2 secondes, comme cinq téléchargements qui attendent le réseau. Lancez-les l&apos;une après l&apos;autre, puis chacune dans son propre thread.</translation>
    </message>
    <message>
        <source>How long do five 2-second waits take one after another? And in five threads?</source>
        <translation>Combien de temps prennent cinq attentes de 2 secondes l&apos;une après l&apos;autre ? Et dans cinq threads ?</translation>
    </message>
    <message>
        <source>The timeline: one after another, the sleeps form a staircase; in threads, they sleep side by side. After both runs the summary compares the two times.</source>
        <translation>La chronologie : l&apos;une après l&apos;autre, les pauses forment un escalier ; dans des threads, elles dorment côte à côte. Après les deux exécutions, le résumé compare les deux durées.</translation>
    </message>
    <message>
        <source>Your first thread</source>
        <translation>Votre premier thread</translation>
    </message>
    <message>
        <source>A thread is a threading.Thread whose run() method runs alongside the main program once start() is called. The Code tab shows the real class: SleepyThread says hello, sleeps, and says goodbye.</source>
        <translation>Un thread est un threading.Thread dont la méthode run() s&apos;exécute à côté du programme principal une fois start() appelée. L&apos;onglet Code montre la vraie classe : SleepyThread dit bonjour, dort, puis dit au revoir.</translation>
    </message>
    <message>
        <source>The main program starts one thread, then waits for it with join(). Which line is printed last?</source>
        <translation>Le programme principal démarre un thread, puis l&apos;attend avec join(). Quelle ligne s&apos;affiche en dernier ?</translation>
    </message>
    <message>
        <source>The Console: “Thread 1: starting”, two seconds later “Thread 1: finishing”, and only then “Main: all done”. In the timeline, Main’s row shows “Waiting in join()” while the thread sleeps.</source>
        <translation>La console : « Thread 1: starting », deux secondes plus tard « Thread 1: finishing », et seulement ensuite « Main: all done ». Dans la chronologie, la ligne de Main indique « Attend dans join() » pendant que le thread dort.</translation>
    </message>
    <message>
        <source>Run it</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>The shared counter race</source>
        <translation>La course au compteur partagé</translation>
    </message>
    <message>
        <source>Eight threads each add 1 to one shared counter, 50 times. Each increment reads the counter, pauses, then writes back what it read plus one. The pause is there on purpose: since Python 3.10 a thread switch practically never falls inside counter += 1, so without it the race would be real but you would almost never see it.</source>
        <translation>Huit threads ajoutent chacun 1 à un même compteur partagé, 50 fois. Chaque incrément lit le compteur, fait une pause, puis réécrit ce qu&apos;il a lu plus un. La pause est là exprès : depuis Python 3.10, un changement de thread ne tombe pratiquement jamais au milieu de counter += 1 ; sans elle, la course existerait bel et bien, mais on ne la verrait presque jamais.</translation>
    </message>
    <message>
        <source>8 × 50 = 400 increments. What will the counter say at the end?</source>
        <translation>8 × 50 = 400 incréments. Que vaudra le compteur à la fin ?</translation>
    </message>
    <message>
        <source>The plot: the solid “actual” line falls behind the dashed “expected” line; the shaded gap is the lost updates. Each thread’s own tally still reaches 50. Then run the bare counter += 1: many more increments, and almost surely none lost.</source>
        <translation>Le graphique : la ligne pleine « réel » prend du retard sur la ligne en tirets « attendu » ; l&apos;écart ombré, ce sont les mises à jour perdues. Le décompte propre à chaque thread atteint pourtant 50. Lancez ensuite le counter += 1 seul : bien plus d&apos;incréments, et presque sûrement aucun perdu.</translation>
    </message>
    <message>
        <source>Many threads, one file</source>
        <translation>Plusieurs threads, un seul fichier</translation>
    </message>
    <message>
        <source>Four threads append lines to one shared file. Each writes a line in two halves, “Thread 2: ” and then “line 7”, with a short pause between them, like a program that writes a line in pieces.</source>
        <translation>Quatre threads ajoutent des lignes à un même fichier partagé. Chacun écrit une ligne en deux moitiés, « Thread 2: » puis « line 7 », avec une courte pause entre les deux, comme un programme qui écrit une ligne en plusieurs morceaux.</translation>
    </message>
    <message>
        <source>Will every line of the file read “Thread N: line M”?</source>
        <translation>Chaque ligne du fichier sera-t-elle de la forme « Thread N: line M » ?</translation>
    </message>
    <message>
        <source>The Shared file tab: a line that another thread cut in two is marked ⚠. No line is lost, but some are torn and mixed up.</source>
        <translation>L&apos;onglet Fichier partagé : une ligne coupée en deux par un autre thread est marquée ⚠. Aucune ligne n&apos;est perdue, mais certaines sont déchirées et mélangées.</translation>
    </message>
    <message>
        <source>The lock</source>
        <translation>Le verrou</translation>
    </message>
    <message>
        <source>A threading.Lock lets one thread at a time run the block under “with lock:”; the others wait their turn. (RLock, in the Kind list, is a lock that the thread holding it may take again; here both behave the same.)</source>
        <translation>Un threading.Lock ne laisse qu&apos;un thread à la fois exécuter le bloc sous « with lock: » ; les autres attendent leur tour. (RLock, dans la liste Type, est un verrou que le thread qui le détient peut reprendre ; ici, les deux se comportent de la même façon.)</translation>
    </message>
    <message>
        <source>With the lock on, will any increment be lost? Will the run be faster or slower?</source>
        <translation>Avec le verrou, un incrément sera-t-il perdu ? L&apos;exécution sera-t-elle plus rapide ou plus lente ?</translation>
    </message>
    <message>
        <source>No gap between the lines: all 400 increments counted. In the timeline one thread holds the lock while the others wait (striped). It takes longer: the pauses no longer overlap. Run it without the lock and press L mid-run: the losses stop at that moment.</source>
        <translation>Plus d&apos;écart entre les lignes : les 400 incréments sont comptés. Dans la chronologie, un thread détient le verrou pendant que les autres attendent (rayé). C&apos;est plus long : les pauses ne se chevauchent plus. Lancez sans le verrou et appuyez sur L en cours d&apos;exécution : les pertes s&apos;arrêtent à cet instant.</translation>
    </message>
    <message>
        <source>Waiting with join()</source>
        <translation>Attendre avec join()</translation>
    </message>
    <message>
        <source>start() returns at once: the main program carries on while the thread runs. join() makes it wait until that thread has finished.</source>
        <translation>start() rend la main aussitôt : le programme principal continue pendant que le thread s&apos;exécute. join() le fait attendre jusqu&apos;à ce que ce thread soit terminé.</translation>
    </message>
    <message>
        <source>Without join(), when does Main print “all done”: before or after the threads finish?</source>
        <translation>Sans join(), quand Main affiche-t-il « all done » : avant ou après la fin des threads ?</translation>
    </message>
    <message>
        <source>Without join(), “Main: all done” comes first, while the threads still sleep (the ★ on Main’s row of the timeline). With join(), it comes last.</source>
        <translation>Sans join(), « Main: all done » arrive en premier, pendant que les threads dorment encore (la ★ sur la ligne de Main dans la chronologie). Avec join(), il arrive en dernier.</translation>
    </message>
    <message>
        <source>Waiting or computing</source>
        <translation>Attendre ou calculer</translation>
    </message>
    <message>
        <source>Threads help when tasks wait (for a disk, the network, or here a sleep): while one waits, the others run. They do not help when tasks compute in Python: the GIL lets only one thread at a time run Python code.</source>
        <translation>Les threads aident quand les tâches attendent (un disque, le réseau, ou ici une pause) : pendant que l&apos;une attend, les autres avancent. Ils n&apos;aident pas quand les tâches calculent en Python : le GIL ne laisse qu&apos;un thread à la fois exécuter du code Python.</translation>
    </message>
    <message>
        <source>Five 1-second sleeps in threads: about how long? 400,000 increments in four threads rather than one after another: faster?</source>
        <translation>Cinq pauses d&apos;une seconde dans des threads : combien de temps, à peu près ? 400 000 incréments dans quatre threads plutôt que l&apos;un après l&apos;autre : plus rapide ?</translation>
    </message>
    <message>
        <source>Compare the elapsed times in the summary. Waiting: threads are about five times faster. Computing (the bare counter += 1): threads are no faster, often a little slower. (A free-threaded Python 3.13+ build, without the GIL, can compute in several threads at once.)</source>
        <translation>Comparez les durées dans le résumé. Attendre : les threads sont environ cinq fois plus rapides. Calculer (le counter += 1 seul) : les threads ne sont pas plus rapides, souvent un peu plus lents. (Un Python 3.13+ « free-threaded », sans GIL, peut calculer dans plusieurs threads à la fois.)</translation>
    </message>
    <message>
        <source>Waiting, in threads</source>
        <translation>Attendre, dans des threads</translation>
    </message>
    <message>
        <source>Computing, in threads</source>
        <translation>Calculer, dans des threads</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>L&apos;un après l&apos;autre</translation>
    </message>
    <message>
        <source>In threads</source>
        <translation>Dans des threads</translation>
    </message>
    <message>
        <source>The race</source>
        <translation>La course</translation>
    </message>
    <message>
        <source>Bare counter += 1</source>
        <translation>counter += 1 seul</translation>
    </message>
    <message>
        <source>With the lock</source>
        <translation>Avec le verrou</translation>
    </message>
    <message>
        <source>Without it (press L)</source>
        <translation>Sans (appuyez sur L)</translation>
    </message>
    <message>
        <source>Without join()</source>
        <translation>Sans join()</translation>
    </message>
    <message>
        <source>With join()</source>
        <translation>Avec join()</translation>
    </message>
    <message>
        <source>Waiting, one by one</source>
        <translation>Attendre, un par un</translation>
    </message>
    <message>
        <source>Computing, one by one</source>
        <translation>Calculer, un par un</translation>
    </message>
    <message>
        <source>Where to go next</source>
        <translation>Pour aller plus loin</translation>
    </message>
    <message>
        <source>You have met the building blocks: Thread, start(), join() and Lock. Python builds higher-level tools on them.</source>
        <translation>Vous avez vu les briques de base : Thread, start(), join() et Lock. Python construit dessus des outils de plus haut niveau.</translation>
    </message>
    <message>
        <source>• concurrent.futures.ThreadPoolExecutor runs many small tasks on a few reused threads and hands back their results.
• queue.Queue passes work from thread to thread safely, with no lock of your own.
• asyncio waits for thousands of network connections on one thread, with async and await.
• multiprocessing and ProcessPoolExecutor compute on every core: each process has its own interpreter and its own GIL.</source>
        <translation>• concurrent.futures.ThreadPoolExecutor exécute beaucoup de petites tâches sur quelques threads réutilisés et rend leurs résultats.
• queue.Queue passe le travail d&apos;un thread à l&apos;autre en toute sécurité, sans verrou à écrire soi-même.
• asyncio attend des milliers de connexions réseau sur un seul thread, avec async et await.
• multiprocessing et ProcessPoolExecutor calculent sur tous les cœurs : chaque processus a son propre interpréteur et son propre GIL.</translation>
    </message>
    <message>
        <source>Take an experiment home: File ▸ Save as Python script writes it as a plain threading program that runs with python and that you can change.</source>
        <translation>Emportez une expérience chez vous : Fichier ▸ Enregistrer en script Python l&apos;écrit sous forme d&apos;un simple programme threading, qui se lance avec python et que vous pouvez modifier.</translation>
    </message>
    <message>
        <source>Choose a lesson</source>
        <translation>Choisir une leçon</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Prédire</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Observer</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <source>Previous lesson</source>
        <translation>Leçon précédente</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation>Leçon suivante</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>Texte de la leçon</translation>
    </message>
    <message>
        <source>Lesson {n} of {total}</source>
        <translation>Leçon {n} sur {total}</translation>
    </message>
    <message>
        <source>Try next</source>
        <translation>À essayer ensuite</translation>
    </message>
    <message>
        <source>At home</source>
        <translation>À la maison</translation>
    </message>
    <message>
        <source>Run it: {what}</source>
        <translation>Lancer : {what}</translation>
    </message>
    <message>
        <source>Open the I/O or CPU lab</source>
        <translation>Ouvrir le labo E/S ou CPU</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>C&amp;onsole</source>
        <translation>C&amp;onsole</translation>
    </message>
    <message>
        <source>Shared &amp;file</source>
        <translation>Fichier parta&amp;gé</translation>
    </message>
    <message>
        <source>Threads &amp;&amp; races</source>
        <translation>Threads &amp;&amp; concurrence</translation>
    </message>
    <message>
        <source>Choose an experiment and press Start.</source>
        <translation>Choisissez une expérience et appuyez sur Démarrer.</translation>
    </message>
    <message>
        <source>Running {n} threads…</source>
        <translation>{n} threads en cours d&apos;exécution…</translation>
    </message>
    <message>
        <source>Stopping: waking every thread…</source>
        <translation>Arrêt : réveil de tous les threads…</translation>
    </message>
    <message>
        <source>Reset. Press Start.</source>
        <translation>Réinitialisé. Appuyez sur Démarrer.</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>L&apos;exécution a échoué.</translation>
    </message>
    <message>
        <source>Finished in {t} s.</source>
        <translation>Terminé en {t} s.</translation>
    </message>
    <message>
        <source>Stopped after {t} s.</source>
        <translation>Arrêté après {t} s.</translation>
    </message>
    <message>
        <source>Failed after {t} s.</source>
        <translation>Échec après {t} s.</translation>
    </message>
    <message>
        <source>Lock switched on mid-run.</source>
        <translation>Verrou activé en cours d&apos;exécution.</translation>
    </message>
    <message>
        <source>Lock switched off mid-run.</source>
        <translation>Verrou désactivé en cours d&apos;exécution.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;xécution</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>Réinitiali&amp;ser</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>Result</name>
    <message>
        <source>The run failed: {error}</source>
        <translation>L&apos;exécution a échoué : {error}</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>L&apos;exécution a échoué.</translation>
    </message>
    <message>
        <source>Stopped early.</source>
        <translation>Arrêtée avant la fin.</translation>
    </message>
    <message>
        <source>{lost} of {expected} increments were lost: threads overwrote each other&apos;s writes.</source>
        <translation>{lost} incréments sur {expected} ont été perdus : les threads ont écrasé les écritures les uns des autres.</translation>
    </message>
    <message>
        <source>Switch the lock on.</source>
        <translation>Activez le verrou.</translation>
    </message>
    <message>
        <source>All {expected} increments counted: the lock let one thread at a time read and write.</source>
        <translation>Les {expected} incréments sont tous comptés : le verrou n&apos;a laissé qu&apos;un thread à la fois lire et écrire.</translation>
    </message>
    <message>
        <source>All {expected} increments counted: no thread switch fell between a read and its write.</source>
        <translation>Les {expected} incréments sont tous comptés : aucun changement de thread n&apos;est tombé entre une lecture et son écriture.</translation>
    </message>
    <message>
        <source>{torn} lines were torn: another thread wrote between the two halves of a line.</source>
        <translation>{torn} lignes ont été déchirées : un autre thread a écrit entre les deux moitiés d&apos;une ligne.</translation>
    </message>
    <message>
        <source>All {intact} lines are whole.</source>
        <translation>Les {intact} lignes sont toutes entières.</translation>
    </message>
    <message>
        <source>{threads} × {sleep} s of sleep took {elapsed} s one after another.</source>
        <translation>{threads} × {sleep} s de pause ont pris {elapsed} s l&apos;un après l&apos;autre.</translation>
    </message>
    <message>
        <source>{threads} × {sleep} s of sleep took {elapsed} s in threads.</source>
        <translation>{threads} × {sleep} s de pause ont pris {elapsed} s dans des threads.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>window layout</source>
        <translation>disposition de la fenêtre</translation>
    </message>
    <message>
        <source>Some remembered settings could not be read ({what}); Thread Lab uses its defaults for them.</source>
        <translation>Certains réglages mémorisés n&apos;ont pas pu être lus ({what}) ; Thread Lab utilise ses valeurs par défaut à leur place.</translation>
    </message>
    <message>
        <source>the file {path} ({error})</source>
        <translation>le fichier {path} ({error})</translation>
    </message>
    <message>
        <source>Could not remember the settings in {path}.</source>
        <translation>Impossible de mémoriser les réglages dans {path}.</translation>
    </message>
    <message>
        <source>the file {path} cannot be opened</source>
        <translation>le fichier {path} ne peut pas être ouvert</translation>
    </message>
    <message>
        <source>the file {path} is damaged; it was kept as {kept}</source>
        <translation>le fichier {path} est endommagé ; il a été conservé sous le nom {kept}</translation>
    </message>
    <message>
        <source>the file {path} is damaged</source>
        <translation>le fichier {path} est endommagé</translation>
    </message>
    <message>
        <source>experiment settings</source>
        <translation>réglages de l&apos;expérience</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>thème</translation>
    </message>
    <message>
        <source>zoom</source>
        <translation>zoom</translation>
    </message>
    <message>
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <source>lessons</source>
        <translation>leçons</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>Start, or stop, the run</source>
        <translation>Démarrer, ou arrêter, l&apos;exécution</translation>
    </message>
    <message>
        <source>Lock on / off (also mid-run)</source>
        <translation>Verrou activé / désactivé (même en cours d&apos;exécution)</translation>
    </message>
    <message>
        <source>One thread more / less</source>
        <translation>Un thread de plus / de moins</translation>
    </message>
    <message>
        <source>Reset the experiment</source>
        <translation>Réinitialiser l&apos;expérience</translation>
    </message>
    <message>
        <source>Presentation mode on / off</source>
        <translation>Mode présentation activé / désactivé</translation>
    </message>
    <message>
        <source>Full screen on / off</source>
        <translation>Plein écran activé / désactivé</translation>
    </message>
    <message>
        <source>Zoom in, out, back to normal</source>
        <translation>Zoom avant, arrière, taille normale</translation>
    </message>
    <message>
        <source>Show or hide the lessons</source>
        <translation>Afficher ou masquer les leçons</translation>
    </message>
    <message>
        <source>Save the experiment as a Python script</source>
        <translation>Enregistrer l&apos;expérience en script Python</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Go from control to control</source>
        <translation>Passer d&apos;une commande à l&apos;autre</translation>
    </message>
    <message>
        <source>Enter / Esc</source>
        <translation>Entrée / Échap</translation>
    </message>
    <message>
        <source>Leave a number field</source>
        <translation>Quitter un champ numérique</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>Afficher cette liste</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Press any key or click to close this list.</source>
        <translation>Appuyez sur une touche ou cliquez pour fermer cette liste.</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <source>Ready (not started)</source>
        <translation>Prêt (pas démarré)</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>Endormi</translation>
    </message>
    <message>
        <source>Waiting for the lock</source>
        <translation>Attend le verrou</translation>
    </message>
    <message>
        <source>Holding the lock</source>
        <translation>Détient le verrou</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Waiting in join()</source>
        <translation>Attend dans join()</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>Each increment is read → pause → write. The pause is there on purpose: since Python 3.10 a thread switch almost never falls inside a bare counter += 1, so the race would be real but invisible.</source>
        <translation>Chaque incrément fait lecture → pause → écriture. La pause est là exprès : depuis Python 3.10, un changement de thread ne tombe presque jamais au milieu d&apos;un simple counter += 1 ; la course serait réelle mais invisible.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Réel</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Press Start.</source>
        <translation>Appuyez sur Démarrer.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} lignes</translation>
    </message>
    <message>
        <source>{n} whole</source>
        <translation>{n} entières</translation>
    </message>
    <message>
        <source>{n} torn</source>
        <translation>{n} déchirées</translation>
    </message>
    <message>
        <source>Run it one after another too to compare.</source>
        <translation>Lancez-le aussi l&apos;un après l&apos;autre pour comparer.</translation>
    </message>
    <message>
        <source>Run it in threads too to compare.</source>
        <translation>Lancez-le aussi dans des threads pour comparer.</translation>
    </message>
    <message>
        <source>Threads were {ratio}× faster: {sequential} s one after another, {threaded} s in threads.</source>
        <translation>Les threads ont été {ratio}× plus rapides : {sequential} s l&apos;un après l&apos;autre, {threaded} s dans des threads.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Point at a row to read its state. Drag or scroll to zoom in time; double-click to follow the run.</source>
        <translation>Pointez une ligne pour lire son état. Faites glisser ou défiler pour zoomer dans le temps ; double-cliquez pour suivre l&apos;exécution.</translation>
    </message>
    <message>
        <source>Timeline: start a run to see its threads.</source>
        <translation>Chronologie : lancez une exécution pour voir ses threads.</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>How many threads are in each state</source>
        <translation>Combien de threads sont dans chaque état</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>temps (s)</translation>
    </message>
    <message>
        <source>★ Main printed   ┆ lock switched   ✖ a thread failed</source>
        <translation>★ Main a affiché   ┆ verrou basculé   ✖ un thread a échoué</translation>
    </message>
    <message>
        <source>□ blank: not seen (window busy)</source>
        <translation>□ vide : pas vu (fenêtre occupée)</translation>
    </message>
    <message>
        <source>end {t} s</source>
        <translation>fin {t} s</translation>
    </message>
    <message>
        <source>lock ON</source>
        <translation>verrou ACTIF</translation>
    </message>
    <message>
        <source>lock OFF</source>
        <translation>verrou INACTIF</translation>
    </message>
    <message>
        <source>1 thread + Main, one after another</source>
        <translation>1 thread + Main, l&apos;un après l&apos;autre</translation>
    </message>
    <message>
        <source>{n} threads + Main, one after another</source>
        <translation>{n} threads + Main, l&apos;un après l&apos;autre</translation>
    </message>
    <message>
        <source>1 thread + Main, in threads</source>
        <translation>1 thread + Main, dans des threads</translation>
    </message>
    <message>
        <source>{n} threads + Main, in threads</source>
        <translation>{n} threads + Main, dans des threads</translation>
    </message>
    <message>
        <source>Timeline: {threads}</source>
        <translation>Chronologie : {threads}</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>Timeline: {threads}. The run took {t} s ({status}).</source>
        <translation>Chronologie : {threads}. L&apos;exécution a pris {t} s ({status}).</translation>
    </message>
    <message>
        <source>not seen (the window was busy)</source>
        <translation>pas vu (la fenêtre était occupée)</translation>
    </message>
    <message>
        <source>{thread} at {t} s: {what}</source>
        <translation>{thread} à {t} s : {what}</translation>
    </message>
</context>
</TS>
